namespace Sharprun.Vfs.Blocks;

/// <summary>
/// One block of <see cref="CachedBlockDevice"/>: its index on the device, its bytes, and, while they hold ordered
/// changes the device lacks, its place in the write-back order and the dirty blocks it must follow and precede.
/// </summary>
internal sealed class CachedBlock(long index, byte[] data)
{
    public long Index { get; } = index;

    public byte[] Data { get; } = data;

    /// <summary>Its key in the write-back order, later than every prerequisite's; 0 while it holds no ordered change.</summary>
    public long Place { get; set; }

    /// <summary>Dirty blocks that must reach the device before this one.</summary>
    public HashSet<CachedBlock> Prerequisites { get; } = [];

    /// <summary>Dirty blocks that must wait for this one: those that name it as a prerequisite.</summary>
    public HashSet<CachedBlock> Dependents { get; } = [];

    public bool IsDirty => Place != 0;
}
