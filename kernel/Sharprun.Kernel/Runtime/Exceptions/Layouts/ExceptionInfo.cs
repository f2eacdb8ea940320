using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// CoreLib's EH.ExInfo (400 bytes): one exception in flight. The throw stubs reserve it on the stack just
/// below the <see cref="PalLimitedContext"/>, fill the fields CoreLib expects pre-set, link it into the
/// thread's chain and hand it to CoreLib's RhThrowEx/RhThrowHwEx/RhRethrow.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct ExceptionInfo
{
    public const int Size = 400;
    public const uint NoClause = 0xFFFF_FFFF;

    // Offsets the throw stubs write (ExceptionStubs uses the same numbers).
    public const int ContextOffset = 8;
    public const int ExceptionOffset = 16;
    public const int KindOffset = 24;
    public const int PassNumberOffset = 25;
    public const int CurrentClauseOffset = 28;

    [FieldOffset(0)] public ExceptionInfo* Previous;
    [FieldOffset(ContextOffset)] public PalLimitedContext* Context;
    /// <summary>The exception object (a GC reference CoreLib owns; the kernel only copies the bits).</summary>
    [FieldOffset(ExceptionOffset)] public nint Exception;
    [FieldOffset(KindOffset)] public byte Kind;
    [FieldOffset(PassNumberOffset)] public byte PassNumber;
    /// <summary>Index of the clause whose handler is running, or <see cref="NoClause"/>.</summary>
    [FieldOffset(CurrentClauseOffset)] public uint CurrentClause;
    [FieldOffset(32)] public FrameIterator FrameIterator;
    [FieldOffset(392)] public nuint NotifyDebuggerSP;

    // CoreLib's EH.ExKind values.
    public const byte KindThrow = 1;
    public const byte KindHardwareFault = 2;
    public const byte SupersededFlag = 8;
}
