using System.Collections.Generic;

namespace Sharprun.Toolchain.Linking;

/// <summary>One PT_LOAD: a run of output sections with one page protection, starting on a page boundary.</summary>
internal sealed class OutputSegment
{
    public OutputSegment(string name, uint protection)
    {
        Name = name;
        Protection = protection;
    }

    /// <summary>R, RX or RW, for the map.</summary>
    public string Name { get; }

    /// <summary>PF_R / PF_W / PF_X flags.</summary>
    public uint Protection { get; }

    public List<OutputSection> Sections { get; } = new();

    public ulong Address { get; set; }

    public long FileOffset { get; set; }

    public long FileSize { get; set; }

    public long MemorySize { get; set; }

    public ulong End => Address + (ulong)MemorySize;

    /// <summary>Segments without sections get no program header (the read-only one always has generated sections).</summary>
    public bool IsEmitted => Sections.Count > 0;
}
