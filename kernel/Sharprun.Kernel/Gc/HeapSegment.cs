namespace Sharprun.Kernel.Gc;

/// <summary>
/// The head of a 1 MiB block of small objects; objects follow it up to <see cref="End"/>. Segments
/// are kept in a list sorted by address, which lets a conservative root be matched in one pass.
/// </summary>
internal unsafe struct HeapSegment
{
    public const nuint Size = 1 << 20;

    /// <summary>Bytes before the first object's header: this structure, rounded up.</summary>
    public const nuint HeadSize = 64;

    public HeapSegment* Next;

    /// <summary>Header position of the first object.</summary>
    public byte* Start;

    public byte* End;

    /// <summary>Bytes of live objects found by the last sweep.</summary>
    public nuint LiveBytes;
}
