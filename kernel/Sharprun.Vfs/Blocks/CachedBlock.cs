namespace Sharprun.Vfs.Blocks;

/// <summary>One block of <see cref="CachedBlockDevice"/>: its index on the device, its bytes, and whether they differ from the device's.</summary>
internal sealed class CachedBlock(long index, byte[] data)
{
    public long Index { get; } = index;

    public byte[] Data { get; } = data;

    public bool IsDirty { get; set; }
}
