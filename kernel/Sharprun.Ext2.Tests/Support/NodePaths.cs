using System.Text;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>Path walking and whole-file reads over the node interface, as the VFS would do them.</summary>
internal static class NodePaths
{
    public static INode Resolve(IFileSystem fileSystem, string path)
    {
        var node = fileSystem.Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var error = node.Lookup(Encoding.UTF8.GetBytes(part), out var next);
            Assert.True(error == FsError.Success, $"lookup of {part} in {path}: {error}");
            node = next!;
        }
        return node;
    }

    public static byte[] ReadAll(INode node)
    {
        Assert.Equal(FsError.Success, node.GetAttributes(out var attributes));
        var data = new byte[attributes.Size];
        var done = 0;
        while (done < data.Length)
        {
            Assert.Equal(FsError.Success, node.Read(done, data.AsSpan(done, Math.Min(7000, data.Length - done)), out var read));
            Assert.True(read > 0);
            done += read;
        }
        return data;
    }

    public static string[] List(INode directory)
    {
        var entries = new List<DirectoryEntry>();
        Assert.Equal(FsError.Success, directory.ReadDirectory(entries));
        return entries.Select(e => Encoding.UTF8.GetString(e.Name)).Order(StringComparer.Ordinal).ToArray();
    }

    public static byte[] Name(string name) => Encoding.UTF8.GetBytes(name);
}
