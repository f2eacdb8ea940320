using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Sharprun's static linker: links relocatable objects, and the members of <see cref="LinkOptions.Archives"/> they
/// need (<see cref="ArchiveMemberSelection"/>), into one bootable ELF64 executable, loaded at
/// <see cref="LinkOptions.BaseAddress"/> with physical = virtual addresses.
/// <para>
/// Layout: an R PT_LOAD (ELF and program headers, the multiboot2 header, the Xen PVH note, read-only input
/// sections, a generated .eh_frame_hdr and, unless <see cref="LinkOptions.Strip"/>, the symbol table), an RX PT_LOAD (code sections), an RW PT_LOAD
/// (data sections, the TLS index table .got, .tdata, .tbss written as file zeros, then .bss in memory only),
/// each starting on a page; plus PT_NOTE for the Xen note and PT_TLS for the template. Section headers are
/// always written; the symbol table is an ordinary .symtab/.strtab pair that is also loaded (see <see cref="ElfSymbolTable"/>).
/// </para>
/// <para>
/// The linker always defines these symbols (an object defining one of them is an error):
/// <c>__start_X</c>/<c>__stop_X</c> around every output section whose name X is a C identifier;
/// <c>__sharprun_image_start</c> (the base) and <c>__sharprun_image_end</c> (page-aligned, after .bss: free memory
/// begins there); <c>__sharprun_rodata_start/_end</c>, <c>__sharprun_text_start/_end</c>,
/// <c>__sharprun_data_start/_end</c>: the R, RX and RW segments (end = end of the segment's memory, not rounded);
/// <c>__sharprun_tls_start</c>, <c>__sharprun_tdata_end</c>, <c>__sharprun_tls_end</c>: the TLS template
/// (.tdata then .tbss, aligned to the largest TLS section alignment; TLS offsets count from tls_start);
/// <c>__sharprun_eh_frame_start/_end</c> around .eh_frame; <c>__sharprun_eh_frame_hdr</c>;
/// <c>__sharprun_dotnet_eh_table_start/_end</c> around .dotnet_eh_table; <c>__sharprun_symbols/_end</c> around
/// .symtab and <c>__sharprun_symbol_names</c> at .strtab. A range whose section is absent is empty, placed at the
/// end of the R segment (TLS: where the template would be).
/// </para>
/// </summary>
public static class ElfLinker
{
    public static LinkResult Link(LinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var given = options.Objects ?? throw new LinkException("no objects to link");
        if (given.Count == 0)
            throw new LinkException("no objects to link");
        var members = ArchiveMemberSelection.Select(given, options.Archives);
        IReadOnlyList<ObjectFile> objects = members.Count == 0 ? given : [.. given, .. members];

        var sites = new RelocationSites(objects);
        var resolver = new SymbolResolver(objects, LinkerDefinedSymbols.Names(objects));
        var targets = resolver.ResolveRelocations(sites);
        var boot = new BootEntries(resolver, options);

        var tlsIndex = new TlsIndexTable(objects, targets, sites);
        var got = new GlobalOffsetTable(objects, targets);
        int fdeCount = CountFdes(objects);
        var symbolTable = options.Strip ? null : new ElfSymbolTable(resolver.All);
        var layout = new ImageLayout(objects, options, tlsIndex.Size, got.Size, EhFrameHeader.SizeFor(fdeCount), symbolTable);

        AssignAddresses(resolver, layout, options.BaseAddress);

        var loaded = new byte[layout.LoadedFileSize];
        CopyContents(loaded, layout);
        var relocations = new RelocationWriter(loaded, layout, tlsIndex, got, sites);
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
                if (targets.TryGetValue(section, out var sectionTargets))
                    relocations.Apply(obj, section, sectionTargets);

        if (layout.TlsIndex is { } tlsSection)
            tlsIndex.Write(Contents(loaded, tlsSection), layout.TlsStart);
        if (layout.Got is { } gotSection)
            got.Write(Contents(loaded, gotSection));
        WriteEhFrameHeader(loaded, layout, fdeCount);
        if (symbolTable is not null)
            symbolTable.Write(Contents(loaded, layout.Symbols!), Contents(loaded, layout.SymbolNames!), layout.HeaderIndexOf, layout.TlsStart);
        boot.Write(loaded, layout);

        var image = ElfImageWriter.Write(loaded, layout, boot.ElfEntry, symbolTable);
        var globals = resolver.All
            .Where(s => s.IsGlobal && !s.IsOverridden && !s.IsInDroppedSection)
            .ToDictionary(s => s.Name, s => s.Address, StringComparer.Ordinal);
        return new LinkResult(image, LinkMapWriter.Write(layout, resolver.All), globals);
    }

    private static int CountFdes(IReadOnlyList<ObjectFile> objects)
    {
        int count = 0;
        foreach (var obj in objects)
            foreach (var section in obj.Sections)
                if (section.Name == ImageLayout.EhFrameName && section.Kind != SectionKind.NonAlloc)
                    count += EhFrameIndex.CountFdes(section.Data, $"{SymbolResolver.ObjectName(obj)}({section.Name})");
        return count;
    }

    private static void AssignAddresses(SymbolResolver resolver, ImageLayout layout, ulong baseAddress)
    {
        var values = LinkerValues(layout, baseAddress);
        foreach (var symbol in resolver.All)
        {
            symbol.Address = symbol.Origin switch
            {
                LinkSymbolOrigin.Linker => values[symbol.Name],
                LinkSymbolOrigin.Object when symbol.Source!.Section is { } section =>
                    layout.IsPlaced(section) ? layout.PlacementOf(section).Address + (ulong)symbol.Source.Value : 0,
                LinkSymbolOrigin.Object => (ulong)symbol.Source!.Value,
                _ => 0,
            };
        }
    }

    private static Dictionary<string, ulong> LinkerValues(ImageLayout layout, ulong baseAddress)
    {
        ulong rodataEnd = layout.ReadOnly.End;
        var ehFrame = layout.Find(ImageLayout.EhFrameName);
        var dotnetEhTable = layout.Find(ImageLayout.DotnetEhTableName);
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal)
        {
            [LinkerDefinedSymbols.ImageStart] = baseAddress,
            [LinkerDefinedSymbols.ImageEnd] = layout.ImageEnd,
            [LinkerDefinedSymbols.RodataStart] = layout.ReadOnly.Address,
            [LinkerDefinedSymbols.RodataEnd] = rodataEnd,
            [LinkerDefinedSymbols.TextStart] = layout.Code.Address,
            [LinkerDefinedSymbols.TextEnd] = layout.Code.End,
            [LinkerDefinedSymbols.DataStart] = layout.Data.Address,
            [LinkerDefinedSymbols.DataEnd] = layout.Data.End,
            [LinkerDefinedSymbols.BssStart] = layout.Data.Sections.FirstOrDefault(s => s.Kind == SectionKind.ZeroData)?.Address ?? layout.Data.End,
            [LinkerDefinedSymbols.TlsStart] = layout.TlsStart,
            [LinkerDefinedSymbols.TdataEnd] = layout.TdataEnd,
            [LinkerDefinedSymbols.TlsEnd] = layout.TlsEnd,
            [LinkerDefinedSymbols.EhFrameStart] = ehFrame?.Address ?? rodataEnd,
            [LinkerDefinedSymbols.EhFrameEnd] = ehFrame?.End ?? rodataEnd,
            [LinkerDefinedSymbols.EhFrameHeader] = layout.EhFrameHeader.Address,
            [LinkerDefinedSymbols.DotnetEhTableStart] = dotnetEhTable?.Address ?? rodataEnd,
            [LinkerDefinedSymbols.DotnetEhTableEnd] = dotnetEhTable?.End ?? rodataEnd,
            [LinkerDefinedSymbols.Symbolizer] = layout.Symbols?.Address ?? rodataEnd,
            [LinkerDefinedSymbols.SymbolizerEnd] = layout.Symbols?.End ?? rodataEnd,
            [LinkerDefinedSymbols.SymbolNames] = layout.SymbolNames?.Address ?? rodataEnd,
        };
        foreach (var section in layout.Sections)
            if (!section.IsSynthetic && LinkerDefinedSymbols.IsCIdentifier(section.Name))
            {
                values["__start_" + section.Name] = section.Address;
                values["__stop_" + section.Name] = section.End;
            }
        return values;
    }

    private static void CopyContents(byte[] loaded, ImageLayout layout)
    {
        foreach (var section in layout.Sections)
        {
            if (!section.OccupiesFile)
                continue;
            foreach (var piece in section.Pieces)
                piece.Section.Data.CopyTo(loaded, section.FileOffset + piece.Offset);
        }
    }

    private static void WriteEhFrameHeader(byte[] loaded, ImageLayout layout, int expectedCount)
    {
        var ehFrame = layout.Find(ImageLayout.EhFrameName);
        var fdes = ehFrame is null
            ? new List<(ulong, ulong)>()
            : EhFrameIndex.ReadFdes(Contents(loaded, ehFrame), ehFrame.Address, ImageLayout.EhFrameName);
        if (fdes.Count != expectedCount)
            throw new LinkException($".eh_frame: found {fdes.Count} FDEs after relocation but {expectedCount} in the input sections");
        ulong ehFrameAddress = ehFrame?.Address ?? layout.ReadOnly.End;
        EhFrameHeader.Write(Contents(loaded, layout.EhFrameHeader), layout.EhFrameHeader.Address, ehFrameAddress, fdes);
    }

    internal static Span<byte> Contents(byte[] loaded, OutputSection section) => loaded.AsSpan((int)section.FileOffset, (int)section.Size);
}
