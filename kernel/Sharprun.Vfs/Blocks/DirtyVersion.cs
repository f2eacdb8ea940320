namespace Sharprun.Vfs.Blocks;

/// <summary>
/// One entry in <see cref="CachedBlockDevice"/>'s order of changes: a block's latest bytes (<see cref="Frozen"/>
/// null: the block's own, still changing) or a copy of what it held when it was changed again after other blocks.
/// </summary>
internal sealed class DirtyVersion(CachedBlock block)
{
    public CachedBlock Block { get; } = block;

    public byte[]? Frozen { get; set; }

    public byte[] Data => Frozen ?? Block.Data;
}
