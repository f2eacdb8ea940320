using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Baked;

/// <summary>
/// A read-only file system over one directory of a <see cref="BakedArchive"/> (the image's baked files): every change
/// answers <see cref="FsError.ReadOnly"/>, as a read-only mount does on Linux. Several may show parts of one archive
/// (the kernel mounts each top-level directory of it where it belongs); each hands out one node object per entry.
/// </summary>
public sealed class BakedFileSystem : IFileSystem
{
    /// <summary>Linux's RAMFS_MAGIC: Linux unpacks the same archive, as an initramfs, into a ramfs.</summary>
    public const long RamfsMagic = 0x858458F6;

    private const int BlockSize = 4096;
    private const int MaximumNameLength = 255;

    private readonly BakedArchive _archive;
    private readonly Dictionary<int, BakedNode> _nodes = [];

    internal BakedFileSystem(BakedArchive archive, BakedEntry root)
    {
        _archive = archive;
        Root = NodeOf(root);
    }

    public string TypeName => "bakedfs";

    public long Magic => RamfsMagic;

    public bool IsReadOnly => true;

    public INode Root { get; }

    public FsError GetStatistics(out FileSystemStatistics statistics)
    {
        long blocks = (_archive.DataBytes + BlockSize - 1) / BlockSize;
        statistics = new FileSystemStatistics(RamfsMagic, BlockSize, blocks, 0, 0, _archive.EntryCount, 0, MaximumNameLength);
        return FsError.Success;
    }

    public FsError Sync() => FsError.Success;

    public FsError Unmount() => FsError.Success;

    /// <summary>The node of an entry, made on first use and kept: the tree is fixed, and a node must stay one object.</summary>
    internal BakedNode NodeOf(BakedEntry entry)
    {
        if (!_nodes.TryGetValue(entry.Index, out BakedNode? node))
        {
            node = new BakedNode(this, entry);
            _nodes.Add(entry.Index, node);
        }
        return node;
    }
}
