namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// CoreLib's EH.RhEHClause (sequential, 40 bytes), filled by RhpEHEnumNext. Offsets are relative to the
/// start of the method (funclets included); addresses are absolute.
/// </summary>
public unsafe struct EhClause
{
    public EhClauseKind Kind;
    public uint TryStartOffset;
    public uint TryEndOffset;
    public byte* FilterAddress;
    public byte* HandlerAddress;
    /// <summary>MethodTable* of the caught type (typed clauses only).</summary>
    public void* TargetType;
}

/// <summary>CoreLib's EH.RhEHClauseKind, also the low two bits of the encoded clause.</summary>
public enum EhClauseKind
{
    Typed = 0,
    /// <summary>Fault and finally clauses (and ILC's empty same-offsets separator markers).</summary>
    Fault = 1,
    Filter = 2,
}
