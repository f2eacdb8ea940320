namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>Why unwind or EH data was rejected. The parsers never read outside the bounds they are given.</summary>
public enum UnwindDataError
{
    None,
    /// <summary>A record or field runs past the end of its section.</summary>
    Truncated,
    /// <summary>An .eh_frame_hdr or CIE version this reader does not know.</summary>
    UnsupportedVersion,
    /// <summary>A DW_EH_PE pointer encoding outside the supported set (no indirect, textrel, funcrel or aligned).</summary>
    UnsupportedEncoding,
    /// <summary>A zero, 64-bit (DWARF64) or otherwise impossible record length.</summary>
    BadLength,
    /// <summary>A CIE where an FDE was expected, or an FDE whose CIE pointer leaves the section.</summary>
    NotAnFde,
    /// <summary>The record an FDE points at is not a CIE.</summary>
    BadCie,
    /// <summary>A CIE augmentation string with characters other than z, L, P, R and S.</summary>
    UnsupportedAugmentation,
    /// <summary>A pointer or address that falls outside the region it must lie in.</summary>
    OutOfRange,
    /// <summary>A call frame instruction outside the subset ILC emits.</summary>
    UnsupportedInstruction,
    /// <summary>A register number that is not an x86-64 general register or the return address column.</summary>
    BadRegister,
    /// <summary>More nested DW_CFA_remember_state than the interpreter keeps.</summary>
    StateStackOverflow,
    /// <summary>DW_CFA_restore_state without a matching remember.</summary>
    StateStackUnderflow,
    /// <summary>An offset or alignment factor too large to describe a stack frame.</summary>
    BadOffset,
    /// <summary>A malformed .NET unwind block or EH clause.</summary>
    BadEhInfo,
}
