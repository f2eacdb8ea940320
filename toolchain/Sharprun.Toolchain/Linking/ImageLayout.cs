using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Groups input sections into output sections and places them: the R segment (ELF and program headers,
/// multiboot2 header, Xen note, read-only sections, generated .eh_frame_hdr and symbol table), the RX
/// segment (code), the RW segment (data, the TLS index table, .tdata, .tbss as file zeros, .bss in memory only).
/// The per-function and per-datum sections a C compiler emits (<c>.text.f</c>, <c>.rodata.x</c>, <c>.data.rel.ro.y</c>,
/// <c>.bss.z</c>...) join the output section of their family, as ld's default script puts them, and the GOT
/// (<see cref="GlobalOffsetTable"/>, filled at link time) is read-only data.
/// The file is packed: a segment's bytes follow the previous one's without padding, and in memory each segment
/// starts on a fresh page at the same offset within the page (p_offset ≡ p_vaddr mod 4096, as ld lays out images
/// without -z separate-code), so no page holds two protections and the file carries no alignment gaps.
/// </summary>
internal sealed class ImageLayout
{
    public const string Multiboot2Name = ".multiboot2";
    public const string XenNoteName = ".note.Xen";
    public const string EhFrameHeaderName = ".eh_frame_hdr";
    public const string TlsIndexName = ".got";
    public const string EhFrameName = ".eh_frame";
    public const string DotnetEhTableName = ".dotnet_eh_table";
    public const string GotName = ".got.static";

    private const ulong MaxImageEnd = 1UL << 32;

    private static readonly HashSet<string> Reserved = [Multiboot2Name, XenNoteName, EhFrameHeaderName, ElfSymbolTable.SymbolsName, ElfSymbolTable.NamesName, TlsIndexName, GotName];

    // Longest first, so .data.rel.ro.x is not taken for .data.
    private static readonly string[] SectionFamilies = [".data.rel.ro", ".rodata", ".text", ".data", ".bss", ".tdata", ".tbss"];

    private readonly Dictionary<string, OutputSection> _byName = new();
    private readonly Dictionary<ObjectSection, (ulong Address, long FileOffset)> _placements = new(ReferenceEqualityComparer.Instance);

    public ImageLayout(IReadOnlyList<ObjectFile> objects, LinkOptions options, int tlsIndexSize, int gotSize, int ehFrameHeaderSize, ElfSymbolTable? symbolTable)
    {
        var inputs = new List<OutputSection>();
        foreach (var obj in objects)
        {
            foreach (var section in obj.Sections)
            {
                if (section.Kind == SectionKind.NonAlloc)
                    continue;
                if (Reserved.Contains(section.Name))
                    throw new LinkException($"section {section.Name} in {SymbolResolver.ObjectName(obj)}: that name is reserved for a section the linker generates");
                if (section.Kind is SectionKind.ZeroData or SectionKind.ThreadZeroData && section.Data.Length > 0)
                    throw new LinkException($"section {section.Name} in {SymbolResolver.ObjectName(obj)} is zero-filled ({section.Kind}) but has contents");
                string outputName = OutputNameOf(section.Name);
                if (!_byName.TryGetValue(outputName, out var output))
                {
                    uint elfType = section.Kind == SectionKind.ZeroData ? Elf64.SectionNoBits
                        : outputName == EhFrameName ? Elf64.SectionX86_64Unwind
                        : outputName.StartsWith(".note.", System.StringComparison.Ordinal) ? Elf64.SectionNote : Elf64.SectionProgBits;
                    _byName[outputName] = output = new OutputSection(outputName, section.Kind, isSynthetic: false, elfType);
                    inputs.Add(output);
                }
                else if (output.Kind != section.Kind)
                {
                    throw new LinkException($"section {section.Name}{(outputName == section.Name ? "" : $" (in output section {outputName})")} is {output.Kind} in {SymbolResolver.ObjectName(output.Pieces[0].Object)} but {section.Kind} in {SymbolResolver.ObjectName(obj)}");
                }
                output.Append(obj, section);
            }
        }

        if (options.Multiboot2EntrySymbol is not null)
            ReadOnly.Sections.Add(Multiboot2 = Synthetic(Multiboot2Name, Multiboot2Header.Size, 8, Elf64.SectionProgBits));
        if (options.PvhEntrySymbol is not null)
            ReadOnly.Sections.Add(XenNote = Synthetic(XenNoteName, XenPvhNote.Size, 4, Elf64.SectionNote));
        ReadOnly.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.ReadOnlyData));
        if (gotSize > 0)
            ReadOnly.Sections.Add(Got = Synthetic(GotName, gotSize, GlobalOffsetTable.EntrySize, Elf64.SectionProgBits));
        ReadOnly.Sections.Add(EhFrameHeader = Synthetic(EhFrameHeaderName, ehFrameHeaderSize, 4, Elf64.SectionProgBits));
        if (symbolTable is not null)
        {
            ReadOnly.Sections.Add(Symbols = Synthetic(ElfSymbolTable.SymbolsName, symbolTable.SymbolsSize, 8, Elf64.SectionSymTab));
            ReadOnly.Sections.Add(SymbolNames = Synthetic(ElfSymbolTable.NamesName, symbolTable.NamesSize, 1, Elf64.SectionStrTab));
        }
        Code.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.Code));
        Data.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.Data));
        if (tlsIndexSize > 0)
            Data.Sections.Add(TlsIndex = Synthetic(TlsIndexName, tlsIndexSize, 16, Elf64.SectionProgBits, SectionKind.Data));
        Data.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.ThreadData));
        Data.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.ThreadZeroData));
        Data.Sections.AddRange(inputs.Where(s => s.Kind == SectionKind.ZeroData));

        HasTls = Data.Sections.Any(IsThreadLocal);
        ProgramHeaderCount = Segments.Count(s => s.IsEmitted) + (XenNote is null ? 0 : 1) + (HasTls ? 1 : 0);
        Place(options.BaseAddress);
    }

    public OutputSegment ReadOnly { get; } = new("R", Elf64.SegmentRead);

    public OutputSegment Code { get; } = new("RX", Elf64.SegmentRead | Elf64.SegmentExecute);

    public OutputSegment Data { get; } = new("RW", Elf64.SegmentRead | Elf64.SegmentWrite);

    public IEnumerable<OutputSegment> Segments => [ReadOnly, Code, Data];

    /// <summary>Every output section in address order.</summary>
    public IEnumerable<OutputSection> Sections => Segments.SelectMany(s => s.Sections);

    public OutputSection? Multiboot2 { get; }

    public OutputSection? XenNote { get; }

    public OutputSection EhFrameHeader { get; }

    /// <summary>The symbol table and its names (see <see cref="ElfSymbolTable"/>); absent when stripping.</summary>
    public OutputSection? Symbols { get; }

    public OutputSection? SymbolNames { get; }

    /// <summary>The section header index of the output section holding <paramref name="section"/> (0 is the null header).</summary>
    public int HeaderIndexOf(ObjectSection section)
    {
        if (_headerIndexes is null)
        {
            _headerIndexes = new Dictionary<ObjectSection, int>(ReferenceEqualityComparer.Instance);
            int index = 1;
            foreach (var output in Sections)
            {
                foreach (var piece in output.Pieces)
                    _headerIndexes[piece.Section] = index;
                index++;
            }
        }
        return _headerIndexes[section];
    }

    private Dictionary<ObjectSection, int>? _headerIndexes;

    public OutputSection? TlsIndex { get; }

    /// <summary>The GOT's address slots; absent when every GOT relocation was relaxed or there are none.</summary>
    public OutputSection? Got { get; }

    public int ProgramHeaderCount { get; }

    public bool HasTls { get; }

    public ulong TlsStart { get; private set; }

    public ulong TdataEnd { get; private set; }

    public ulong TlsEnd { get; private set; }

    /// <summary>First page boundary after everything, .bss included: free memory starts there.</summary>
    public ulong ImageEnd { get; private set; }

    /// <summary>File bytes covered by the loadable segments.</summary>
    public long LoadedFileSize { get; private set; }

    public OutputSection? Find(string name) => _byName.GetValueOrDefault(name);

    public (ulong Address, long FileOffset) PlacementOf(ObjectSection section) => _placements[section];

    public bool IsPlaced(ObjectSection section) => _placements.ContainsKey(section);

    /// <summary>The output section an input section named <paramref name="name"/> joins: its family's, or its own.</summary>
    public static string OutputNameOf(string name)
    {
        foreach (string family in SectionFamilies)
            if (name.Length > family.Length && name.StartsWith(family, System.StringComparison.Ordinal) && name[family.Length] == '.')
                return family;
        return name;
    }

    public static long AlignUp(long value, long alignment) => (value + alignment - 1) & ~(alignment - 1);

    public static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    private static bool IsThreadLocal(OutputSection s) => s.Kind is SectionKind.ThreadData or SectionKind.ThreadZeroData;

    private static OutputSection Synthetic(string name, long size, long alignment, uint elfType, SectionKind kind = SectionKind.ReadOnlyData) =>
        new(name, kind, isSynthetic: true, elfType) { Size = size, Alignment = alignment };

    private void Place(ulong baseAddress)
    {
        if (baseAddress % Elf64.PageSize != 0)
            throw new LinkException($"base address 0x{baseAddress:x} is not page-aligned");
        if (baseAddress >= MaxImageEnd)
            throw new LinkException($"base address 0x{baseAddress:x} is above 4 GiB; the image is entered in 32-bit mode");
        long tlsAlignment = Data.Sections.Where(IsThreadLocal).Select(s => s.Alignment).DefaultIfEmpty(1).Max();
        long cursor = Elf64.HeaderSize + (long)ProgramHeaderCount * Elf64.ProgramHeaderSize;
        long fileEnd = 0;
        bool tlsPlaced = false;
        // address = baseAddress + cursor + bias; bias grows by whole pages, so addresses keep the file's page offsets.
        ulong bias = 0;
        foreach (var segment in Segments)
        {
            if (segment != ReadOnly && segment.IsEmitted)
            {
                ulong freshPage = AlignUp(baseAddress + (ulong)memoryCursor(), Elf64.PageSize);
                cursor = fileEnd;
                bias = freshPage + (ulong)(cursor % Elf64.PageSize) - baseAddress - (ulong)cursor;
            }
            long segmentStart = segment == ReadOnly ? 0 : cursor;
            segment.Address = baseAddress + (ulong)segmentStart + bias;
            segment.FileOffset = segmentStart;
            long segmentFileEnd = segmentStart;
            foreach (var section in segment.Sections)
            {
                long alignment = section.Alignment;
                if (IsThreadLocal(section) && !tlsPlaced)
                {
                    alignment = tlsAlignment;
                    tlsPlaced = true;
                }
                else if (section.Kind == SectionKind.ZeroData && !tlsPlaced)
                {
                    MarkEmptyTls(baseAddress + (ulong)memoryCursor());
                    tlsPlaced = true;
                }
                ulong address = AlignUp(baseAddress + (ulong)memoryCursor(), (ulong)alignment);
                CheckBelow4G(address + (ulong)section.Size, section.Name);
                cursor = (long)(address - baseAddress - bias);
                section.Address = address;
                section.FileOffset = cursor;
                foreach (var piece in section.Pieces)
                    _placements[piece.Section] = (address + (ulong)piece.Offset, cursor + piece.Offset);
                cursor += section.Size;
                if (section.OccupiesFile)
                    segmentFileEnd = cursor;
            }
            segment.FileSize = segmentFileEnd - segmentStart;
            segment.MemorySize = cursor - segmentStart;
            fileEnd = segmentFileEnd > fileEnd ? segmentFileEnd : fileEnd;
            if (segment == Data && !tlsPlaced)
                MarkEmptyTls(baseAddress + (ulong)memoryCursor());
        }
        if (HasTls)
        {
            var tdata = Data.Sections.Where(s => s.Kind == SectionKind.ThreadData).ToList();
            var tbss = Data.Sections.Where(s => s.Kind == SectionKind.ThreadZeroData).ToList();
            TlsStart = (tdata.Count > 0 ? tdata[0] : tbss[0]).Address;
            TdataEnd = tdata.Count > 0 ? tdata[^1].End : TlsStart;
            TlsEnd = tbss.Count > 0 ? tbss[^1].End : TdataEnd;
        }
        LoadedFileSize = fileEnd;
        ImageEnd = AlignUp(baseAddress + (ulong)memoryCursor(), Elf64.PageSize);
        CheckBelow4G(ImageEnd, "the image end");

        long memoryCursor() => cursor + (long)bias;
    }

    private void MarkEmptyTls(ulong address)
    {
        if (!HasTls)
            TlsStart = TdataEnd = TlsEnd = address;
    }

    private static void CheckBelow4G(ulong end, string what)
    {
        if (end > MaxImageEnd)
            throw new LinkException($"{what} ends at 0x{end:x}, above 4 GiB: the image must fit below 4 GiB");
    }
}
