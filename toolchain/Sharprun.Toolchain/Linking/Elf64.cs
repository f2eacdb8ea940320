namespace Sharprun.Toolchain.Linking;

/// <summary>ELF64 numbers (System V gABI and the x86-64 psABI) shared by the object reader and the image writer.</summary>
internal static class Elf64
{
    public const int HeaderSize = 64;
    public const int ProgramHeaderSize = 56;
    public const int SectionHeaderSize = 64;
    public const int SymbolSize = 24;
    public const int RelaSize = 24;

    public const byte ClassElf64 = 2;
    public const byte DataLittleEndian = 1;
    public const byte VersionCurrent = 1;
    public const ushort TypeRelocatable = 1;
    public const ushort TypeExecutable = 2;
    public const ushort MachineX86_64 = 62;

    public const uint SectionNull = 0;
    public const uint SectionProgBits = 1;
    public const uint SectionSymTab = 2;
    public const uint SectionStrTab = 3;
    public const uint SectionRela = 4;
    public const uint SectionNote = 7;
    public const uint SectionNoBits = 8;
    public const uint SectionRel = 9;
    public const uint SectionGroup = 17;
    public const uint SectionSymTabIndexes = 18;
    public const uint SectionX86_64Unwind = 0x70000001;

    public const ulong FlagWrite = 0x1;
    public const ulong FlagAlloc = 0x2;
    public const ulong FlagExecute = 0x4;
    public const ulong FlagTls = 0x400;

    public const ushort SectionIndexUndefined = 0;
    public const ushort SectionIndexReservedStart = 0xff00;
    public const ushort SectionIndexAbsolute = 0xfff1;
    public const ushort SectionIndexCommon = 0xfff2;
    public const ushort SectionIndexExtended = 0xffff;

    public const byte BindLocal = 0;
    public const byte BindGlobal = 1;
    public const byte BindWeak = 2;
    public const byte BindGnuUnique = 10;

    public const byte SymbolNoType = 0;
    public const byte SymbolObject = 1;
    public const byte SymbolFunction = 2;
    public const byte SymbolSection = 3;
    public const byte SymbolFile = 4;
    public const byte SymbolCommon = 5;
    public const byte SymbolTls = 6;

    public const uint SegmentLoad = 1;
    public const uint SegmentNote = 4;
    public const uint SegmentTls = 7;
    public const uint SegmentRead = 4;
    public const uint SegmentWrite = 2;
    public const uint SegmentExecute = 1;

    public const int PageSize = 4096;
}
