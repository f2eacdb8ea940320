using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Writes the ELF executable around the loaded bytes: the ELF header and program headers at the start of
/// the R segment, then after the loaded part the (optional) .symtab/.strtab, .shstrtab and section headers.
/// Symbol values are final addresses, except STT_TLS symbols, whose value is their offset in the TLS template
/// as the gABI says for executables.
/// </summary>
internal static class ElfImageWriter
{
    private const byte SymbolBindLocal = 0;
    private const byte SymbolBindGlobal = 1;
    private const byte SymbolBindWeak = 2;

    public static byte[] Write(byte[] loaded, ImageLayout layout, ulong entry, IReadOnlyList<LinkSymbol>? symbols)
    {
        var sections = layout.Sections.ToList();
        var shstrtab = new StringTableBuilder();
        var sectionIndexOf = new Dictionary<ObjectSection, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < sections.Count; i++)
            foreach (var piece in sections[i].Pieces)
                sectionIndexOf[piece.Section] = i + 1;

        byte[] symtab = Array.Empty<byte>();
        int firstGlobal = 0;
        var strtab = new StringTableBuilder();
        if (symbols is not null)
            (symtab, firstGlobal) = BuildSymbolTable(symbols, sectionIndexOf, strtab, layout.TlsStart);
        byte[] strtabBytes = strtab.ToArray();

        long symtabOffset = ImageLayout.AlignUp(layout.LoadedFileSize, 8);
        long strtabOffset = symtabOffset + symtab.Length;
        long shstrtabOffset = strtabOffset + strtabBytes.Length;

        var headers = new List<(uint Name, uint Type, ulong Flags, ulong Address, long Offset, long Size, uint Link, uint Info, long Align, long EntrySize)>
        {
            default,
        };
        foreach (var s in sections)
            headers.Add((shstrtab.Add(s.Name), s.ElfType, FlagsOf(s.Kind), s.Address, s.FileOffset, s.Size, 0, 0, s.Alignment, 0));
        if (symbols is not null)
        {
            int strtabIndex = headers.Count + 1;
            headers.Add((shstrtab.Add(".symtab"), Elf64.SectionSymTab, 0, 0, symtabOffset, symtab.Length, (uint)strtabIndex, (uint)firstGlobal, 8, Elf64.SymbolSize));
            headers.Add((shstrtab.Add(".strtab"), Elf64.SectionStrTab, 0, 0, strtabOffset, strtabBytes.Length, 0, 0, 1, 0));
        }
        int shstrtabIndex = headers.Count;
        uint shstrtabName = shstrtab.Add(".shstrtab");
        byte[] shstrtabBytes = shstrtab.ToArray();
        headers.Add((shstrtabName, Elf64.SectionStrTab, 0, 0, shstrtabOffset, shstrtabBytes.Length, 0, 0, 1, 0));

        long sectionHeadersOffset = ImageLayout.AlignUp(shstrtabOffset + shstrtabBytes.Length, 8);
        var image = new byte[sectionHeadersOffset + headers.Count * Elf64.SectionHeaderSize];
        loaded.AsSpan(0, (int)layout.LoadedFileSize).CopyTo(image);
        symtab.CopyTo(image, symtabOffset);
        strtabBytes.CopyTo(image, strtabOffset);
        shstrtabBytes.CopyTo(image, shstrtabOffset);
        var span = image.AsSpan();
        for (int i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var target = span.Slice((int)sectionHeadersOffset + i * Elf64.SectionHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(target, h.Name);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(4), h.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(8), h.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(16), h.Address);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(24), (ulong)h.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(32), (ulong)h.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(40), h.Link);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(44), h.Info);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(48), (ulong)h.Align);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(56), (ulong)h.EntrySize);
        }
        WriteElfHeader(span, entry, layout.ProgramHeaderCount, sectionHeadersOffset, headers.Count, shstrtabIndex);
        WriteProgramHeaders(span.Slice(Elf64.HeaderSize), layout);
        return image;
    }

    private static void WriteElfHeader(Span<byte> image, ulong entry, int programHeaderCount, long sectionHeadersOffset, int sectionCount, int shstrtabIndex)
    {
        image.Slice(0, Elf64.HeaderSize).Clear();
        image[0] = 0x7f;
        image[1] = (byte)'E';
        image[2] = (byte)'L';
        image[3] = (byte)'F';
        image[4] = Elf64.ClassElf64;
        image[5] = Elf64.DataLittleEndian;
        image[6] = Elf64.VersionCurrent;
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(16), Elf64.TypeExecutable);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(18), Elf64.MachineX86_64);
        BinaryPrimitives.WriteUInt32LittleEndian(image.Slice(20), Elf64.VersionCurrent);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(24), entry);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(32), Elf64.HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(40), (ulong)sectionHeadersOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(52), Elf64.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(54), Elf64.ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(56), (ushort)programHeaderCount);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(58), Elf64.SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(60), (ushort)sectionCount);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(62), (ushort)shstrtabIndex);
    }

    private static void WriteProgramHeaders(Span<byte> target, ImageLayout layout)
    {
        int index = 0;
        void Add(Span<byte> t, uint type, uint flags, long offset, ulong address, long fileSize, long memorySize, long align)
        {
            var h = t.Slice(index++ * Elf64.ProgramHeaderSize, Elf64.ProgramHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(h, type);
            BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(4), flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(8), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(16), address);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(24), address);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(32), (ulong)fileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(40), (ulong)memorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(48), (ulong)align);
        }
        foreach (var segment in layout.Segments.Where(s => s.IsEmitted))
            Add(target, Elf64.SegmentLoad, segment.Protection, segment.FileOffset, segment.Address, segment.FileSize, segment.MemorySize, Elf64.PageSize);
        if (layout.XenNote is { } note)
            Add(target, Elf64.SegmentNote, Elf64.SegmentRead, note.FileOffset, note.Address, note.Size, note.Size, 4);
        if (layout.HasTls)
        {
            long size = (long)(layout.TlsEnd - layout.TlsStart);
            long align = layout.Data.Sections.Where(s => s.Kind is SectionKind.ThreadData or SectionKind.ThreadZeroData).Max(s => s.Alignment);
            long offset = layout.Data.FileOffset + (long)(layout.TlsStart - layout.Data.Address);
            Add(target, Elf64.SegmentTls, Elf64.SegmentRead, offset, layout.TlsStart, size, size, align);
        }
    }

    private static (byte[] Table, int FirstGlobal) BuildSymbolTable(IReadOnlyList<LinkSymbol> symbols, Dictionary<ObjectSection, int> sectionIndexOf, StringTableBuilder names, ulong tlsStart)
    {
        var emitted = symbols.Where(IsEmitted).ToList();
        var ordered = emitted.Where(s => !s.IsGlobal).Concat(emitted.Where(s => s.IsGlobal)).ToList();
        var table = new byte[(ordered.Count + 1) * Elf64.SymbolSize];
        for (int i = 0; i < ordered.Count; i++)
        {
            var symbol = ordered[i];
            var entry = table.AsSpan((i + 1) * Elf64.SymbolSize, Elf64.SymbolSize);
            var source = symbol.Source;
            byte bind = !symbol.IsGlobal ? SymbolBindLocal : source?.Binding == SymbolBinding.Weak ? SymbolBindWeak : SymbolBindGlobal;
            byte type = source?.Type switch
            {
                SymbolType.Object => Elf64.SymbolObject,
                SymbolType.Function => Elf64.SymbolFunction,
                SymbolType.ThreadLocal => Elf64.SymbolTls,
                _ => Elf64.SymbolNoType,
            };
            ushort sectionIndex = source?.Section is { } section ? (ushort)sectionIndexOf[section] : Elf64.SectionIndexAbsolute;
            ulong value = type == Elf64.SymbolTls ? symbol.Address - tlsStart : symbol.Address;
            BinaryPrimitives.WriteUInt32LittleEndian(entry, names.Add(symbol.Name));
            entry[4] = (byte)(bind << 4 | type);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.Slice(6), sectionIndex);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(8), value);
            BinaryPrimitives.WriteUInt64LittleEndian(entry.Slice(16), (ulong)(source?.Size ?? 0));
        }
        return (table, emitted.Count(s => !s.IsGlobal) + 1);
    }

    private static bool IsEmitted(LinkSymbol symbol) => symbol.Origin switch
    {
        LinkSymbolOrigin.Linker => true,
        LinkSymbolOrigin.Object => !symbol.IsOverridden && !symbol.IsInDroppedSection && symbol.Source!.Type != SymbolType.Section && symbol.Name.Length > 0,
        _ => false,
    };

    private static ulong FlagsOf(SectionKind kind) => Elf64.FlagAlloc | kind switch
    {
        SectionKind.Code => Elf64.FlagExecute,
        SectionKind.Data or SectionKind.ZeroData => Elf64.FlagWrite,
        SectionKind.ThreadData or SectionKind.ThreadZeroData => Elf64.FlagWrite | Elf64.FlagTls,
        _ => 0UL,
    };

    /// <summary>An ELF string table: offset 0 is the empty string.</summary>
    private sealed class StringTableBuilder
    {
        private readonly ArrayBufferWriter<byte> _bytes = new();

        public StringTableBuilder() => _bytes.Write([(byte)0]);

        public uint Add(string name)
        {
            if (name.Length == 0)
                return 0;
            uint offset = (uint)_bytes.WrittenCount;
            var target = _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(name.Length) + 1);
            int length = Encoding.UTF8.GetBytes(name, target);
            target[length] = 0;
            _bytes.Advance(length + 1);
            return offset;
        }

        public byte[] ToArray() => _bytes.WrittenSpan.ToArray();
    }
}
