using System.Collections.Generic;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>What <see cref="ElfLinker.Link"/> links and how the image boots.</summary>
public sealed class LinkOptions
{
    /// <summary>The objects to link, in order; output sections keep this order for their input pieces.</summary>
    public IReadOnlyList<ObjectFile> Objects { get; init; } = new List<ObjectFile>();

    /// <summary>Static libraries searched, as one group and in order, for the symbols the objects leave undefined.</summary>
    public IReadOnlyList<ObjectArchive> Archives { get; init; } = [];

    /// <summary>Load address of the image (physical = virtual, identity mapped); must be page-aligned.</summary>
    public ulong BaseAddress { get; init; } = 0x100000;

    /// <summary>32-bit PVH entry symbol: written to the Xen PHYS32_ENTRY note and to e_entry. Null: no note, e_entry 0.</summary>
    public string? PvhEntrySymbol { get; init; }

    /// <summary>32-bit multiboot2 entry symbol. Null: no multiboot2 header.</summary>
    public string? Multiboot2EntrySymbol { get; init; }

    /// <summary>Drop .symtab/.strtab and leave the kernel's symbolizer table empty.</summary>
    public bool Strip { get; init; }
}
