using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Tests.Linking;

/// <summary>
/// Test-only: serializes an <see cref="ObjectFile"/> as an ELF64 x86-64 relocatable, so the reader can be
/// tested on real ELF bytes without binutils. Layout: header, section contents, .symtab, .strtab, .rela.*,
/// .shstrtab, section headers. A relocation naming a symbol the object does not list binds to the object's
/// definition of that name, or else to an added global undefined symbol.
/// </summary>
internal static class TestElfObjectWriter
{
    public const int ShOffField = 40;
    public const int ShNumField = 60;
    public const int ShStrNdxField = 62;

    public static byte[] Write(ObjectFile obj)
    {
        var symbols = new List<ObjectSymbol>();
        symbols.AddRange(obj.Symbols.Where(s => s.Binding == SymbolBinding.Local));
        int firstGlobal = symbols.Count + 1;
        symbols.AddRange(obj.Symbols.Where(s => s.Binding != SymbolBinding.Local));
        var indexOf = new Dictionary<ObjectSymbol, int>(ReferenceEqualityComparer.Instance);
        var undefinedByName = new Dictionary<string, int>();
        for (int i = 0; i < symbols.Count; i++)
            indexOf[symbols[i]] = i + 1;
        foreach (var relocation in obj.Sections.SelectMany(s => s.Relocations))
        {
            if (indexOf.ContainsKey(relocation.Symbol) || undefinedByName.ContainsKey(relocation.Symbol.Name))
                continue;
            // A reference by name to a symbol the object defines binds to that definition, as an assembler's would.
            var definition = symbols.FirstOrDefault(s => s.IsDefined && s.Name == relocation.Symbol.Name && s.Type != SymbolType.Section);
            if (definition is not null)
            {
                undefinedByName[relocation.Symbol.Name] = indexOf[definition];
                continue;
            }
            symbols.Add(relocation.Symbol);
            undefinedByName[relocation.Symbol.Name] = indexOf[relocation.Symbol] = symbols.Count;
        }
        int SymbolIndex(ObjectSymbol s) => indexOf.TryGetValue(s, out int i) ? i : undefinedByName[s.Name];

        var file = new MemoryStream();
        file.Write(new byte[64]);
        var headers = new List<byte[]> { new byte[64] };
        var shstrtab = new StringTable();
        var sectionIndex = new Dictionary<ObjectSection, int>(ReferenceEqualityComparer.Instance);

        foreach (var section in obj.Sections)
        {
            bool noBits = section.Kind is SectionKind.ZeroData or SectionKind.ThreadZeroData;
            Align(file, section.Alignment);
            long offset = file.Position;
            if (!noBits)
                file.Write(section.Data);
            sectionIndex[section] = headers.Count;
            headers.Add(Header(shstrtab.Add(section.Name), noBits ? 8u : 1u, FlagsOf(section.Kind), offset, section.Size, 0, 0, section.Alignment, 0));
        }

        int symtabIndex = headers.Count;
        var strtab = new StringTable();
        var symtab = new byte[(symbols.Count + 1) * 24];
        for (int i = 0; i < symbols.Count; i++)
        {
            var s = symbols[i];
            var e = symtab.AsSpan((i + 1) * 24);
            BinaryPrimitives.WriteUInt32LittleEndian(e, s.Type == SymbolType.Section ? 0 : strtab.Add(s.Name));
            byte bind = s.Binding switch { SymbolBinding.Local => 0, SymbolBinding.Global => 1, _ => 2 };
            byte type = s.Type switch { SymbolType.Object => 1, SymbolType.Function => 2, SymbolType.Section => 3, SymbolType.ThreadLocal => 6, _ => 0 };
            e[4] = (byte)(bind << 4 | type);
            ushort shndx = s.Type == SymbolType.Absolute ? (ushort)0xfff1 : s.Section is null ? (ushort)0 : (ushort)sectionIndex[s.Section];
            BinaryPrimitives.WriteUInt16LittleEndian(e.Slice(6), shndx);
            BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(8), (ulong)s.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(16), (ulong)s.Size);
        }
        Align(file, 8);
        long symtabOffset = file.Position;
        file.Write(symtab);
        headers.Add(Header(shstrtab.Add(".symtab"), 2, 0, symtabOffset, symtab.Length, (uint)(symtabIndex + 1), (uint)firstGlobal, 8, 24));
        long strtabOffset = file.Position;
        var strtabBytes = strtab.ToArray();
        file.Write(strtabBytes);
        headers.Add(Header(shstrtab.Add(".strtab"), 3, 0, strtabOffset, strtabBytes.Length, 0, 0, 1, 0));

        foreach (var section in obj.Sections.Where(s => s.Relocations.Count > 0))
        {
            var rela = new byte[section.Relocations.Count * 24];
            for (int i = 0; i < section.Relocations.Count; i++)
            {
                var r = section.Relocations[i];
                var e = rela.AsSpan(i * 24);
                BinaryPrimitives.WriteUInt64LittleEndian(e, (ulong)r.Offset);
                BinaryPrimitives.WriteUInt64LittleEndian(e.Slice(8), (ulong)SymbolIndex(r.Symbol) << 32 | (uint)r.Type);
                BinaryPrimitives.WriteInt64LittleEndian(e.Slice(16), r.Addend);
            }
            Align(file, 8);
            long relaOffset = file.Position;
            file.Write(rela);
            headers.Add(Header(shstrtab.Add(".rela" + section.Name), 4, 0x40, relaOffset, rela.Length, (uint)symtabIndex, (uint)sectionIndex[section], 8, 24));
        }

        int shstrtabIndex = headers.Count;
        uint shstrtabName = shstrtab.Add(".shstrtab");
        var shstrtabBytes = shstrtab.ToArray();
        long shstrtabOffset = file.Position;
        file.Write(shstrtabBytes);
        headers.Add(Header(shstrtabName, 3, 0, shstrtabOffset, shstrtabBytes.Length, 0, 0, 1, 0));

        Align(file, 8);
        long shoff = file.Position;
        foreach (var h in headers)
            file.Write(h);

        var bytes = file.ToArray();
        var span = bytes.AsSpan();
        span[0] = 0x7f; span[1] = (byte)'E'; span[2] = (byte)'L'; span[3] = (byte)'F';
        span[4] = 2; span[5] = 1; span[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(16), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(18), 62);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span.Slice(ShOffField), (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(52), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(58), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(ShNumField), (ushort)headers.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(ShStrNdxField), (ushort)shstrtabIndex);
        return bytes;
    }

    /// <summary>File offset of section header <paramref name="index"/> in bytes written by <see cref="Write"/>.</summary>
    public static int SectionHeaderOffset(byte[] elf, int index) =>
        (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(ShOffField)) + index * 64;

    private static ulong FlagsOf(SectionKind kind) => kind switch
    {
        SectionKind.Code => 0x6,
        SectionKind.ReadOnlyData => 0x2,
        SectionKind.Data or SectionKind.ZeroData => 0x3,
        SectionKind.ThreadData or SectionKind.ThreadZeroData => 0x403,
        _ => 0,
    };

    private static byte[] Header(uint name, uint type, ulong flags, long offset, long size, uint link, uint info, long align, long entsize)
    {
        var h = new byte[64];
        var s = h.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, name);
        BinaryPrimitives.WriteUInt32LittleEndian(s.Slice(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(8), flags);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(24), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(32), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(s.Slice(40), link);
        BinaryPrimitives.WriteUInt32LittleEndian(s.Slice(44), info);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(48), (ulong)align);
        BinaryPrimitives.WriteUInt64LittleEndian(s.Slice(56), (ulong)entsize);
        return h;
    }

    private static void Align(MemoryStream file, long alignment)
    {
        while (alignment > 1 && file.Position % alignment != 0)
            file.WriteByte(0);
    }

    private sealed class StringTable
    {
        private readonly MemoryStream _bytes = new();

        public StringTable() => _bytes.WriteByte(0);

        public uint Add(string name)
        {
            uint offset = (uint)_bytes.Position;
            _bytes.Write(Encoding.UTF8.GetBytes(name));
            _bytes.WriteByte(0);
            return offset;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
