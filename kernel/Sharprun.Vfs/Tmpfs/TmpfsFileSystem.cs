using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Tmpfs;

/// <summary>
/// A file system in memory, bounded by a byte limit on file data (4 KiB pages; holes are free) and a node limit.
/// Inode numbers count up from 1 (the root) and are never reused.
/// </summary>
public sealed class TmpfsFileSystem : IFileSystem
{
    /// <summary>Linux's TMPFS_MAGIC.</summary>
    public const long TmpfsMagic = 0x01021994;

    private const int MaximumNameLength = 255;

    private readonly long _pageLimit;
    private long _pagesInUse;
    private ulong _nextNumber = 1;

    public TmpfsFileSystem(long byteLimit, IFileClock clock, long nodeLimit = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodeLimit);
        _pageLimit = byteLimit / TmpfsPages.PageSize;
        NodeLimit = nodeLimit;
        Clock = clock;
        Root = TmpfsNode.CreateRoot(this);
    }

    public string TypeName => "tmpfs";

    public long Magic => TmpfsMagic;

    /// <summary>Settable, as a remount read-only would.</summary>
    public bool IsReadOnly { get; set; }

    public INode Root { get; }

    public long NodeLimit { get; }

    /// <summary>Nodes that exist (linked or still open), the root included.</summary>
    public long NodeCount { get; private set; }

    public long UsedBytes => _pagesInUse * TmpfsPages.PageSize;

    internal IFileClock Clock { get; }

    public FsError GetStatistics(out FileSystemStatistics statistics)
    {
        long free = _pageLimit - _pagesInUse;
        statistics = new FileSystemStatistics(TmpfsMagic, TmpfsPages.PageSize, _pageLimit, free, free,
            NodeLimit, NodeLimit - NodeCount, MaximumNameLength);
        return FsError.Success;
    }

    public FsError Sync() => FsError.Success;

    public FsError Unmount() => FsError.Success;

    /// <summary>A number for a new node, or false when the node limit is reached.</summary>
    internal bool TryAllocateNode(out ulong number)
    {
        if (NodeCount >= NodeLimit)
        {
            number = 0;
            return false;
        }
        NodeCount++;
        number = _nextNumber++;
        return true;
    }

    internal void FreeNode() => NodeCount--;

    internal bool TryChargePage()
    {
        if (_pagesInUse >= _pageLimit)
            return false;
        _pagesInUse++;
        return true;
    }

    internal void RefundPages(int count) => _pagesInUse -= count;
}
