namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// One row of the call frame table: how to compute the CFA (a register plus an offset) and, for each of
/// the DWARF registers 0–16, whether it is saved at CFA + offset or keeps its value. Zeroed = every
/// register keeps its value.
/// </summary>
public unsafe struct UnwindRow
{
    public const int RegisterCount = CfiInterpreter.MaxRegister + 1;

    public int CfaRegister;
    public long CfaOffset;
    private fixed byte _saved[RegisterCount];
    private fixed long _offsets[RegisterCount];

    /// <summary>True when <paramref name="register"/> is saved at CFA + <paramref name="offset"/>.</summary>
    public readonly bool IsSaved(int register, out long offset)
    {
        offset = _offsets[register];
        return _saved[register] != 0;
    }

    internal void SetSaved(int register, long offset)
    {
        _saved[register] = 1;
        _offsets[register] = offset;
    }

    internal void SetSame(int register)
    {
        _saved[register] = 0;
        _offsets[register] = 0;
    }

    internal readonly void CopyRuleTo(int register, ref UnwindRow target)
    {
        target._saved[register] = _saved[register];
        target._offsets[register] = _offsets[register];
    }
}
