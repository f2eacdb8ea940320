namespace Sharprun.Vfs.Blocks;

/// <summary>
/// One block of <see cref="CachedBlockDevice"/>: its index on the device, its bytes, and, while they hold ordered
/// changes the device lacks, its place in the write-back order and the dirty blocks it must follow and precede.
/// </summary>
internal sealed class CachedBlock
{
    private HashSet<CachedBlock>? _prerequisites;
    private HashSet<CachedBlock>? _dependents;

    public CachedBlock(long index, byte[] data)
    {
        Index = index;
        Data = data;
        OrderNode = new LinkedListNode<CachedBlock>(this);
    }

    public long Index { get; }

    public byte[] Data { get; }

    /// <summary>Its node in the cache's list of dirty blocks by place, made once: placing a block again allocates nothing.</summary>
    public LinkedListNode<CachedBlock> OrderNode { get; }

    /// <summary>Its key in the write-back order, later than every prerequisite's; 0 while it holds no ordered change.</summary>
    public long Place { get; set; }

    /// <summary>Dirty blocks that must reach the device before this one (made when first asked for: most blocks only cache reads).</summary>
    public HashSet<CachedBlock> Prerequisites => _prerequisites ??= [];

    /// <summary>Dirty blocks that must wait for this one: those that name it as a prerequisite.</summary>
    public HashSet<CachedBlock> Dependents => _dependents ??= [];

    public bool IsDirty => Place != 0;
}
