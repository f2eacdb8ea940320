using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Reads an ELF64 little-endian x86-64 relocatable object (ET_REL) into an <see cref="ObjectFile"/>.
/// Every offset, size and index is checked; malformed or unsupported input raises <see cref="ElfFormatException"/>.
/// Sections without SHF_ALLOC (debug info and the like) are kept as <see cref="SectionKind.NonAlloc"/> but their
/// relocations are not read, since the linker drops them. SHT_GROUP sections are ignored, so COMDAT members
/// are linked like ordinary sections. <c>.note.gnu.property</c> is read as not loaded. Common symbols, extended section numbering, SHT_REL and IFUNC are rejected.
/// </summary>
public static class ElfObjectReader
{
    private const int MaxAlignment = 1 << 24;
    private const long MaxZeroFilledSize = 1L << 32;
    private const string GnuPropertyNoteName = ".note.gnu.property";

    public static ObjectFile Read(string path) => Read(File.ReadAllBytes(path), path);

    public static ObjectFile Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        return new Parser(bytes, name).Parse();
    }

    private readonly record struct SectionHeader(uint Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong Alignment, ulong EntrySize);

    private sealed class Parser
    {
        private readonly byte[] _bytes;
        private readonly string _name;
        private SectionHeader[] _headers = Array.Empty<SectionHeader>();
        private ObjectSection?[] _sections = Array.Empty<ObjectSection?>();
        private ObjectSymbol?[] _symbols = Array.Empty<ObjectSymbol?>();
        private int _symbolTableIndex = -1;

        public Parser(byte[] bytes, string name)
        {
            _bytes = bytes;
            _name = name;
        }

        public ObjectFile Parse()
        {
            var span = _bytes.AsSpan();
            if (span.Length < Elf64.HeaderSize)
                throw Fail($"file is {span.Length} bytes, shorter than an ELF header");
            if (span[0] != 0x7f || span[1] != (byte)'E' || span[2] != (byte)'L' || span[3] != (byte)'F')
                throw Fail("not an ELF file (bad magic)");
            if (span[4] != Elf64.ClassElf64)
                throw Fail($"ELF class {span[4]} is not ELFCLASS64");
            if (span[5] != Elf64.DataLittleEndian)
                throw Fail($"ELF data encoding {span[5]} is not little-endian");
            if (span[6] != Elf64.VersionCurrent)
                throw Fail($"ELF identification version {span[6]} is not 1");
            ushort type = U16(span, 16);
            if (type != Elf64.TypeRelocatable)
                throw Fail($"ELF type {type} is not ET_REL (a relocatable object)");
            ushort machine = U16(span, 18);
            if (machine != Elf64.MachineX86_64)
                throw Fail($"machine {machine} is not x86-64 (62)");
            ulong sectionHeaderOffset = U64(span, 40);
            ushort sectionHeaderSize = U16(span, 58);
            ushort sectionCount = U16(span, 60);
            ushort nameTableIndex = U16(span, 62);
            if (sectionCount == 0)
                throw Fail(sectionHeaderOffset == 0 ? "no section headers" : "extended section numbering (e_shnum = 0) is not supported");
            if (sectionHeaderSize != Elf64.SectionHeaderSize)
                throw Fail($"section header size {sectionHeaderSize} is not {Elf64.SectionHeaderSize}");
            CheckRange(sectionHeaderOffset, (ulong)sectionCount * Elf64.SectionHeaderSize, "section header table");
            if (nameTableIndex == Elf64.SectionIndexExtended)
                throw Fail("extended section name table index is not supported");
            if (nameTableIndex >= sectionCount)
                throw Fail($"section name table index {nameTableIndex} is out of range (there are {sectionCount} sections)");

            _headers = new SectionHeader[sectionCount];
            for (int i = 0; i < sectionCount; i++)
            {
                var h = span.Slice(checked((int)sectionHeaderOffset) + i * Elf64.SectionHeaderSize, Elf64.SectionHeaderSize);
                _headers[i] = new SectionHeader(U32(h, 0), U32(h, 4), U64(h, 8), U64(h, 24), U64(h, 32), U32(h, 40), U32(h, 44), U64(h, 48), U64(h, 56));
                if (_headers[i].Type != Elf64.SectionNoBits && _headers[i].Type != Elf64.SectionNull)
                    CheckRange(_headers[i].Offset, _headers[i].Size, $"section {i}");
            }
            if (_headers[nameTableIndex].Type != Elf64.SectionStrTab)
                throw Fail($"section name table (section {nameTableIndex}) is not a string table");

            var result = new ObjectFile(_name);
            _sections = new ObjectSection?[sectionCount];
            for (int i = 1; i < sectionCount; i++)
                ReadSection(result, i, nameTableIndex);
            ReadSymbols(result);
            for (int i = 1; i < sectionCount; i++)
            {
                uint t = _headers[i].Type;
                if (t == Elf64.SectionRel && IsAllocTarget(_headers[i].Info))
                    throw Fail($"section {i} is SHT_REL; x86-64 objects must use SHT_RELA");
                if (t == Elf64.SectionRela)
                    ReadRelocations(i);
            }
            return result;
        }

        private bool IsAllocTarget(uint index) => index < _headers.Length && (_headers[index].Flags & Elf64.FlagAlloc) != 0;

        private void ReadSection(ObjectFile result, int index, int nameTableIndex)
        {
            var h = _headers[index];
            switch (h.Type)
            {
                case Elf64.SectionNull:
                case Elf64.SectionSymTab:
                case Elf64.SectionRela:
                case Elf64.SectionRel:
                case Elf64.SectionGroup:
                case Elf64.SectionSymTabIndexes:
                    if (h.Type == Elf64.SectionSymTab)
                    {
                        if (_symbolTableIndex >= 0)
                            throw Fail($"more than one symbol table (sections {_symbolTableIndex} and {index})");
                        _symbolTableIndex = index;
                    }
                    return;
                case Elf64.SectionStrTab when (h.Flags & Elf64.FlagAlloc) == 0:
                    return;
            }
            string name = ReadString(nameTableIndex, h.Name, $"name of section {index}");
            ulong align = h.Alignment == 0 ? 1 : h.Alignment;
            if ((align & (align - 1)) != 0)
                throw Fail($"section {name}: alignment {h.Alignment} is not a power of two");
            if (align > MaxAlignment)
                throw Fail($"section {name}: alignment {h.Alignment} is larger than supported ({MaxAlignment})");

            // The GNU property note (CET and ISA markings) is for loaders of dynamic executables; an image has none.
            SectionKind kind = name == GnuPropertyNoteName ? SectionKind.NonAlloc : KindOf(h.Flags);
            bool noBits = h.Type == Elf64.SectionNoBits;
            ObjectSection section;
            if (noBits)
            {
                if (kind is SectionKind.Data)
                    kind = SectionKind.ZeroData;
                else if (kind is SectionKind.ThreadData)
                    kind = SectionKind.ThreadZeroData;
                else if (kind != SectionKind.NonAlloc)
                    throw Fail($"section {name}: SHT_NOBITS is only supported for writable data (it is {kind})");
                if (h.Size > MaxZeroFilledSize)
                    throw Fail($"section {name}: zero-filled size 0x{h.Size:x} is too large");
                section = ObjectSection.Zeroed(name, kind, (long)h.Size, (int)align);
            }
            else
            {
                section = new ObjectSection(name, kind, _bytes.AsSpan(checked((int)h.Offset), checked((int)h.Size)).ToArray(), (int)align);
            }
            _sections[index] = result.AddSection(section);
        }

        private static SectionKind KindOf(ulong flags)
        {
            if ((flags & Elf64.FlagAlloc) == 0)
                return SectionKind.NonAlloc;
            if ((flags & Elf64.FlagExecute) != 0)
                return SectionKind.Code;
            if ((flags & Elf64.FlagTls) != 0)
                return SectionKind.ThreadData;
            if ((flags & Elf64.FlagWrite) != 0)
                return SectionKind.Data;
            return SectionKind.ReadOnlyData;
        }

        private void ReadSymbols(ObjectFile result)
        {
            if (_symbolTableIndex < 0)
                return;
            var h = _headers[_symbolTableIndex];
            if (h.EntrySize != Elf64.SymbolSize)
                throw Fail($"symbol table entry size {h.EntrySize} is not {Elf64.SymbolSize}");
            if (h.Size % Elf64.SymbolSize != 0)
                throw Fail($"symbol table size {h.Size} is not a multiple of {Elf64.SymbolSize}");
            if (h.Link == 0 || h.Link >= _headers.Length || _headers[h.Link].Type != Elf64.SectionStrTab)
                throw Fail($"symbol table links to section {h.Link}, which is not a string table");
            int count = (int)(h.Size / Elf64.SymbolSize);
            _symbols = new ObjectSymbol?[count];
            var table = _bytes.AsSpan(checked((int)h.Offset), checked((int)h.Size));
            for (int i = 1; i < count; i++)
            {
                var s = table.Slice(i * Elf64.SymbolSize, Elf64.SymbolSize);
                uint nameOffset = U32(s, 0);
                byte info = s[4];
                ushort sectionIndex = U16(s, 6);
                ulong value = U64(s, 8);
                ulong size = U64(s, 16);
                byte bind = (byte)(info >> 4);
                byte type = (byte)(info & 0xf);
                string where = $"symbol {i}";

                if (type == Elf64.SymbolFile)
                    continue; // source file names: never relocated against, not linked
                var binding = bind switch
                {
                    Elf64.BindLocal => SymbolBinding.Local,
                    Elf64.BindGlobal or Elf64.BindGnuUnique => SymbolBinding.Global,
                    Elf64.BindWeak => SymbolBinding.Weak,
                    _ => throw Fail($"{where}: unsupported binding {bind}"),
                };
                var symbolType = type switch
                {
                    Elf64.SymbolNoType => SymbolType.None,
                    Elf64.SymbolObject => SymbolType.Object,
                    Elf64.SymbolFunction => SymbolType.Function,
                    Elf64.SymbolSection => SymbolType.Section,
                    Elf64.SymbolTls => SymbolType.ThreadLocal,
                    Elf64.SymbolCommon => throw Fail($"{where}: common symbols are not supported (compile with -fno-common)"),
                    _ => throw Fail($"{where}: unsupported symbol type {type}"),
                };

                ObjectSection? section = null;
                if (sectionIndex == Elf64.SectionIndexAbsolute)
                {
                    symbolType = SymbolType.Absolute;
                }
                else if (sectionIndex == Elf64.SectionIndexCommon)
                {
                    throw Fail($"{where} ({ReadString((int)h.Link, nameOffset, where)}): common symbols are not supported (compile with -fno-common)");
                }
                else if (sectionIndex >= Elf64.SectionIndexReservedStart)
                {
                    throw Fail($"{where}: section index 0x{sectionIndex:x} (reserved or extended) is not supported");
                }
                else if (sectionIndex != Elf64.SectionIndexUndefined)
                {
                    if (sectionIndex >= _sections.Length)
                        throw Fail($"{where}: section index {sectionIndex} is out of range");
                    section = _sections[sectionIndex] ?? throw Fail($"{where}: defined in section {sectionIndex}, which holds no contents");
                    if (value > (ulong)section.Size)
                        throw Fail($"{where}: value 0x{value:x} lies beyond the end of section {section.Name} (size 0x{section.Size:x})");
                }
                else if (binding == SymbolBinding.Local)
                {
                    throw Fail($"{where}: undefined local symbol");
                }
                if (section is null && symbolType == SymbolType.Section)
                    throw Fail($"{where}: section symbol without a section");

                string name = symbolType == SymbolType.Section ? section!.Name : ReadString((int)h.Link, nameOffset, where);
                var symbol = new ObjectSymbol(name, section, (long)value, (long)Math.Min(size, long.MaxValue), binding, symbolType);
                _symbols[i] = symbol;
                result.Symbols.Add(symbol);
            }
        }

        private void ReadRelocations(int index)
        {
            var h = _headers[index];
            if (h.Info == 0 || h.Info >= _headers.Length)
                throw Fail($"relocation section {index} applies to section {h.Info}, which is out of range");
            if ((_headers[h.Info].Flags & Elf64.FlagAlloc) == 0)
                return; // relocations of debug info: the linker drops those sections
            var target = _sections[h.Info] ?? throw Fail($"relocation section {index} applies to section {h.Info}, which holds no contents");
            if (h.Link != _symbolTableIndex)
                throw Fail($"relocation section {index} links to section {h.Link}, not to the symbol table");
            if (h.EntrySize != Elf64.RelaSize)
                throw Fail($"relocation section {index}: entry size {h.EntrySize} is not {Elf64.RelaSize}");
            if (h.Size % Elf64.RelaSize != 0)
                throw Fail($"relocation section {index}: size {h.Size} is not a multiple of {Elf64.RelaSize}");
            if (target.IsZeroFilled && h.Size > 0)
                throw Fail($"relocations apply to zero-filled section {target.Name}");
            var entries = _bytes.AsSpan(checked((int)h.Offset), checked((int)h.Size));
            int count = entries.Length / Elf64.RelaSize;
            var list = target.Relocations;
            list.Capacity = list.Count + count;
            ulong sectionSize = (ulong)target.Size;
            for (int i = 0; i < count; i++)
            {
                var e = entries.Slice(i * Elf64.RelaSize, Elf64.RelaSize);
                ulong offset = U64(e, 0);
                ulong info = U64(e, 8);
                long addend = BinaryPrimitives.ReadInt64LittleEndian(e.Slice(16));
                uint type = (uint)info;
                ulong symbolIndex = info >> 32;
                if (type == (uint)RelocationType.None)
                    continue;
                ulong width = type is (uint)RelocationType.Absolute64 or (uint)RelocationType.Pc64 ? 8u
                    : type is (uint)RelocationType.Pc32 or (uint)RelocationType.Plt32 or (uint)RelocationType.Absolute32
                        or (uint)RelocationType.Absolute32Signed or (uint)RelocationType.TlsGd or (uint)RelocationType.GotPcRel
                        or (uint)RelocationType.GotPcRelX or (uint)RelocationType.RexGotPcRelX ? 4u : 1u;
                if (offset > sectionSize || sectionSize - offset < width)
                    throw Fail($"relocation {i} of {target.Name}: offset 0x{offset:x} lies outside the section (size 0x{sectionSize:x})");
                if (symbolIndex == 0 || symbolIndex >= (ulong)_symbols.Length)
                    throw Fail($"relocation {i} of {target.Name}: symbol index {symbolIndex} is out of range");
                var symbol = _symbols[symbolIndex] ?? throw Fail($"relocation {i} of {target.Name}: refers to a file symbol");
                list.Add(new ObjectRelocation((long)offset, (RelocationType)type, symbol, addend));
            }
        }

        private string ReadString(int tableIndex, uint offset, string what)
        {
            var h = _headers[tableIndex];
            if (offset >= h.Size)
                throw Fail($"{what}: string offset {offset} is outside the string table");
            var table = _bytes.AsSpan(checked((int)h.Offset), checked((int)h.Size)).Slice((int)offset);
            int end = table.IndexOf((byte)0);
            if (end < 0)
                throw Fail($"{what}: string is not NUL-terminated");
            return Encoding.UTF8.GetString(table.Slice(0, end));
        }

        private void CheckRange(ulong offset, ulong size, string what)
        {
            ulong length = (ulong)_bytes.Length;
            if (offset > length || size > length - offset)
                throw Fail($"{what} (offset 0x{offset:x}, size 0x{size:x}) lies outside the file (0x{length:x} bytes)");
        }

        private ElfFormatException Fail(string message) => new($"{_name}: {message}");

        private static ushort U16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(at));
        private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(at));
        private static ulong U64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(at));
    }
}
