using System.Text;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// What one image is put through: mount, a walk of the whole tree (readdir, lookup, stat, readlink, file reads),
/// on a read-write mount changes to new and existing names (create, write, truncate, link, rename, unlink, mkdir,
/// rmdir, a file unlinked while open), sync and unmount, then a read-only remount of the result and a second walk.
/// Every call may answer any <see cref="FsError"/>; the only failures are exceptions, which the caller catches.
/// </summary>
public sealed class ImageExercise(Random random)
{
    // Bounds that keep a damaged image's walk short (a million images must fit in minutes) yet reach every seed file.
    private const int NodeBudget = 1024;
    private const int MaximumDepth = 24;
    private const long SequentialReadLimit = 2 << 20;
    private const int SampledReads = 8;
    private const long Now = 1_700_000_000L * 1_000_000_000;

    private readonly byte[] _buffer = new byte[65536];
    private readonly List<(INode Parent, byte[] Name, NodeKind Kind)> _names = [];
    private int _budget;

    /// <summary>The number of calls that answered <see cref="FsError.Corrupted"/>: whether the damage reached a parser.</summary>
    public int CorruptedAnswers { get; private set; }

    public MountOutcome Run(byte[] image, bool readOnly)
    {
        var mounted = Ext2FileSystem.TryMount(new MemoryBlockDevice(image, false), readOnly, () => Now, out var fileSystem, out _);
        if (mounted != FsError.Success || fileSystem is null)
        {
            return MountOutcome.Refused;
        }
        Walk(fileSystem);
        var outcome = fileSystem.IsReadOnly ? MountOutcome.ReadOnly : MountOutcome.ReadWrite;
        if (outcome == MountOutcome.ReadWrite)
        {
            Change(fileSystem);
        }
        Note(fileSystem.GetStatistics(out _));
        Note(fileSystem.Sync());
        Note(fileSystem.Unmount());
        if (outcome == MountOutcome.ReadWrite
            && Ext2FileSystem.TryMount(new MemoryBlockDevice(image, true), true, () => Now, out var again, out _) == FsError.Success && again is not null)
        {
            Walk(again);
            Note(again.Unmount());
        }
        return outcome;
    }

    private void Walk(IFileSystem fileSystem)
    {
        _names.Clear();
        _budget = NodeBudget;
        var visited = new HashSet<ulong>();
        Visit(fileSystem.Root, 0, visited);
        Note(fileSystem.Root.Lookup("no-such-name"u8, out _));
        Note(fileSystem.Root.Lookup(".."u8, out _));
    }

    private void Visit(INode node, int depth, HashSet<ulong> visited)
    {
        if (--_budget < 0 || depth > MaximumDepth)
        {
            return;
        }
        Note(node.GetAttributes(out var attributes));
        switch (node.Kind)
        {
            case NodeKind.Directory when visited.Add(node.Number):
                var entries = new List<DirectoryEntry>();
                Note(node.ReadDirectory(entries));
                foreach (var entry in entries)
                {
                    if (entry.Name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                    {
                        continue;
                    }
                    if (Note(node.Lookup(entry.Name, out var child)) && child is not null)
                    {
                        _names.Add((node, entry.Name, child.Kind));
                        Visit(child, depth + 1, visited);
                    }
                    if (_budget < 0)
                    {
                        return;
                    }
                }
                break;
            case NodeKind.RegularFile:
                ReadFile(node, attributes.Size);
                break;
            case NodeKind.SymbolicLink:
                Note(node.ReadSymbolicLink(out _));
                break;
        }
    }

    /// <summary>The whole file up to 2 MiB, then samples across the rest (a damaged size may claim terabytes) and the last bytes.</summary>
    private void ReadFile(INode node, long size)
    {
        for (long offset = 0; offset < Math.Min(size, SequentialReadLimit); offset += _buffer.Length)
        {
            if (!Note(node.Read(offset, _buffer, out var read)) || read == 0)
            {
                break;
            }
        }
        if (size <= SequentialReadLimit)
        {
            return;
        }
        for (var i = 1; i <= SampledReads; i++)
        {
            Note(node.Read(size / SampledReads * i - 4096, _buffer.AsSpan(0, 8192), out _));
        }
    }

    private void Change(IFileSystem fileSystem)
    {
        var root = fileSystem.Root;
        if (Note(root.Create("fuzz-file"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out var file)) && file is not null)
        {
            Note(file.Write(0, _buffer.AsSpan(0, 5000), out _));
            Note(file.Write(300_000, "tail"u8, out _));
            Note(file.SetAttributes(new AttributeChanges(Size: 10)));
            Note(root.Link("fuzz-link"u8, file));
        }
        if (Note(root.Create("fuzz-dir"u8, NodeKind.Directory, 0x1ED, 0, 0, out var directory)) && directory is not null)
        {
            Note(directory.Create("inner"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out _));
            Note(directory.CreateSymbolicLink("slow"u8, Encoding.ASCII.GetBytes(new string('s', 100)), 0, 0, out _));
            Note(root.Rename("fuzz-dir"u8, root, "fuzz-dir2"u8));
            Note(root.RemoveDirectory("fuzz-dir2"u8));
            Note(directory.Unlink("inner"u8));
            Note(directory.Unlink("slow"u8));
            Note(root.RemoveDirectory("fuzz-dir2"u8));
        }
        Note(root.CreateSymbolicLink("fuzz-symlink"u8, "target"u8, 0, 0, out _));
        ChangeExisting(root);
    }

    /// <summary>Changes through the damaged metadata itself: a few of the names the walk found, picked by the image's seed.</summary>
    private void ChangeExisting(INode root)
    {
        if (_names.Count == 0)
        {
            return;
        }
        for (var i = 0; i < 6; i++)
        {
            var (parent, name, kind) = _names[random.Next(_names.Count)];
            if (!Note(parent.Lookup(name, out var node)) || node is null)
            {
                continue;
            }
            switch (kind, random.Next(4))
            {
                case (NodeKind.RegularFile, 0):
                    Note(node.GetAttributes(out var attributes));
                    Note(node.Write(attributes.Size, _buffer.AsSpan(0, 3000), out _));
                    break;
                case (NodeKind.RegularFile, 1):
                    Note(node.GetAttributes(out var half));
                    Note(node.SetAttributes(new AttributeChanges(Size: half.Size / 2)));
                    break;
                case (NodeKind.RegularFile, 2):
                    // Unlinked while open: its blocks are freed at the close, through whatever its block map says.
                    node.Open();
                    Note(parent.Unlink(name));
                    Note(node.Write(0, _buffer.AsSpan(0, 2000), out _));
                    node.Close();
                    break;
                case (NodeKind.Directory, 0):
                    for (var k = 0; k < 24; k++)
                    {
                        Note(node.Create(Encoding.ASCII.GetBytes($"added-entry-with-a-long-name-{k}"), NodeKind.RegularFile, 0x1A4, 0, 0, out _));
                    }
                    break;
                case (NodeKind.Directory, 1):
                    Note(parent.RemoveDirectory(name));
                    break;
                case (NodeKind.Directory, 2):
                    Note(parent.Rename(name, root, "moved-dir"u8));
                    Note(root.Rename("moved-dir"u8, node, "beneath-itself"u8));
                    break;
                case (_, 3):
                    var (otherParent, otherName, _) = _names[random.Next(_names.Count)];
                    Note(parent.Rename(name, otherParent, otherName));
                    break;
                default:
                    Note(kind == NodeKind.Directory ? parent.RemoveDirectory(name) : parent.Unlink(name));
                    break;
            }
        }
    }

    private bool Note(FsError error)
    {
        if (error == FsError.Corrupted)
        {
            CorruptedAnswers++;
        }
        return error == FsError.Success;
    }
}
