namespace Sharprun.Hypercall;

/// <summary>A range of usable physical memory, identity mapped.</summary>
public readonly struct MemoryRegion
{
    public MemoryRegion(ulong start, ulong length)
    {
        Start = start;
        Length = length;
    }

    public ulong Start { get; }

    public ulong Length { get; }

    public ulong End => Start + Length;
}
