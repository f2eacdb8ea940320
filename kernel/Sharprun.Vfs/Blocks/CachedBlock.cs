namespace Sharprun.Vfs.Blocks;

/// <summary>One block of <see cref="CachedBlockDevice"/>: its index on the device, its bytes, and, while they differ from the device's, its place in the order of changes.</summary>
internal sealed class CachedBlock(long index, byte[] data)
{
    public long Index { get; } = index;

    public byte[] Data { get; } = data;

    public LinkedListNode<CachedBlock>? DirtyNode { get; set; }

    public bool IsDirty => DirtyNode is not null;
}
