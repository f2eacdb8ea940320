namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// What the kernel knows about the code at one frame's IP: the FDE that covers it, the unwind block
/// (LSDA) of that code, the unwind block of the whole method (the same one unless the code is a funclet)
/// and the method's start, which EH clause offsets are relative to. 32 bytes, kept inside the iterator.
/// </summary>
public unsafe struct MethodLocation
{
    public byte* MethodStart;
    public byte* MainBlock;
    public byte* Block;
    public byte* Fde;

    public readonly bool IsFunclet => (*Block & UnwindBlock.FuncletKindMask) != UnwindBlock.RootKind;

    public readonly bool IsFilter => (*Block & UnwindBlock.FuncletKindMask) == UnwindBlock.FilterKind;

    public readonly bool IsReversePInvoke => (*MainBlock & UnwindBlock.ReversePInvokeFlag) != 0;

    /// <summary>The runtime reports a frame pointer (rbp) only for funclets and methods with EH clauses.</summary>
    public readonly bool ReportsFramePointer => (*Block & (UnwindBlock.FuncletKindMask | UnwindBlock.HasEhInfoFlag)) != 0;
}
