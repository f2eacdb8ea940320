using System.Buffers;

namespace Sharprun.Vfs.Pal.Baked;

/// <summary>
/// Bytes of the image itself (read-only data the toolchain linked in) as <see cref="Memory{T}"/>, so the vfs faction
/// can keep slices of them without copying. The image is never unloaded: there is nothing to pin or free.
/// </summary>
internal sealed unsafe class ImageMemory : MemoryManager<byte>
{
    private readonly byte* _start;
    private readonly int _length;

    public ImageMemory(byte* start, int length)
    {
        _start = start;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
