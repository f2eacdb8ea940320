using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>
/// Everything a damaged image can be asked to do: walk and read the whole tree, then change it. Used by the hostile
/// and fuzz tests, which only require that every call returns (an error or success) without throwing.
/// </summary>
internal static class TreeExercise
{
    public static void Run(IFileSystem fileSystem)
    {
        var budget = 400;
        Walk(fileSystem.Root, 0, ref budget);
        var root = fileSystem.Root;
        if (root.Create("fuzz-file"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out var file) == FsError.Success && file is not null)
        {
            file.Write(0, new byte[5000], out _);
            file.Write(300_000, "x"u8, out _);
            file.SetAttributes(new AttributeChanges(Size: 10));
        }
        root.Create("fuzz-dir"u8, NodeKind.Directory, 0x1ED, 0, 0, out _);
        root.CreateSymbolicLink("fuzz-link"u8, "target"u8, 0, 0, out _);
        root.Rename("fuzz-dir"u8, root, "fuzz-dir2"u8);
        root.Rename("sub"u8, root, "hello.txt"u8);
        root.Unlink("hello.txt"u8);
        root.Unlink("big.bin"u8);
        root.RemoveDirectory("fuzz-dir2"u8);
        if (root.Lookup("sub"u8, out var sub) == FsError.Success && sub is not null)
        {
            sub.Unlink("nested.txt"u8);
            root.Rename("sub"u8, sub, "inside"u8);
        }
        fileSystem.GetStatistics(out _);
        fileSystem.Sync();
        fileSystem.Unmount();
    }

    private static void Walk(INode node, int depth, ref int budget)
    {
        if (--budget < 0 || depth > 6)
        {
            return;
        }
        node.GetAttributes(out _);
        switch (node.Kind)
        {
            case NodeKind.Directory:
                var entries = new List<DirectoryEntry>();
                node.ReadDirectory(entries);
                foreach (var entry in entries.Take(40))
                {
                    if (entry.Name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                    {
                        continue;
                    }
                    if (node.Lookup(entry.Name, out var child) == FsError.Success && child is not null)
                    {
                        Walk(child, depth + 1, ref budget);
                    }
                }
                break;
            case NodeKind.RegularFile:
                var buffer = new byte[16384];
                for (long offset = 0; offset < 600_000; offset += buffer.Length)
                {
                    if (node.Read(offset, buffer, out var read) != FsError.Success || read == 0)
                    {
                        break;
                    }
                }
                break;
            case NodeKind.SymbolicLink:
                node.ReadSymbolicLink(out _);
                break;
        }
    }
}
