namespace Sharprun.Toolchain.Objects;

/// <summary>A fix-up at <see cref="Offset"/> in its section: write the value of <see cref="Symbol"/> plus <see cref="Addend"/>, as <see cref="Type"/> says.</summary>
public sealed record ObjectRelocation(long Offset, RelocationType Type, ObjectSymbol Symbol, long Addend);

/// <summary>x86-64 ELF relocation types, numbered as in the psABI so the ELF reader can pass them through.</summary>
public enum RelocationType : uint
{
    None = 0,
    Absolute64 = 1,     // R_X86_64_64
    Pc32 = 2,           // R_X86_64_PC32
    Plt32 = 4,          // R_X86_64_PLT32
    GotPcRel = 9,       // R_X86_64_GOTPCREL: the symbol's GOT slot, PC-relative
    TlsGd = 19,         // R_X86_64_TLSGD
    Absolute32 = 10,    // R_X86_64_32 (zero-extended)
    Absolute32Signed = 11, // R_X86_64_32S
    Pc64 = 24,          // R_X86_64_PC64
    GotPcRelX = 41,     // R_X86_64_GOTPCRELX: as GOTPCREL, and the instruction may be rewritten
    RexGotPcRelX = 42,  // R_X86_64_REX_GOTPCRELX: as GOTPCRELX, instruction with a REX prefix
}
