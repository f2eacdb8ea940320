using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// CoreLib's System.Runtime.StackFrameIterator (360 bytes). CoreLib reads the fields it declares
/// (frame pointer, control PC, REGDISPLAY, original control PC, previous transition frame); the rest of
/// the bytes are the native runtime's, and here hold the kernel's walk state.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public unsafe struct FrameIterator
{
    public const int Size = 360;

    // ---- kernel-private (CoreLib never touches 0..15 and 168..359) ----
    [FieldOffset(0)] internal FrameWalkFlags Flags;
    [FieldOffset(8)] internal ExceptionInfo* NextExInfo;

    // ---- read by CoreLib ----
    [FieldOffset(16)] public nuint FramePointer;
    [FieldOffset(24)] public byte* ControlPC;
    [FieldOffset(32)] public RegDisplay Registers;

    // ---- kernel-private ----
    [FieldOffset(168)] internal MethodLocation Method;
    /// <summary>Frame pointer of the funclet just unwound into its invoke stub, until the ExInfo collision.</summary>
    [FieldOffset(200)] internal nuint PendingFuncletFramePointer;
    /// <summary>Where the funclet kept the callee-saved registers (they are the parent frame's values).</summary>
    [FieldOffset(208)] internal nuint* FuncletRbp;
    [FieldOffset(216)] internal nuint* FuncletRbx;
    [FieldOffset(224)] internal nuint* FuncletR12;
    [FieldOffset(232)] internal nuint* FuncletR13;
    [FieldOffset(240)] internal nuint* FuncletR14;
    [FieldOffset(248)] internal nuint* FuncletR15;

    // ---- read by CoreLib ----
    [FieldOffset(344)] public byte* OriginalControlPC;
    [FieldOffset(352)] public nint PreviousTransitionFrame;
}

/// <summary>State bits of a <see cref="FrameIterator"/>.</summary>
[System.Flags]
internal enum FrameWalkFlags : uint
{
    None = 0,
    /// <summary>Walk for exception dispatch: return addresses are adjusted back into the call instruction.</summary>
    ExceptionWalk = 1 << 0,
    /// <summary>Walk for a stack trace: funclet parents are folded into the funclet's frame.</summary>
    StackTraceWalk = 1 << 1,
    /// <summary>The current frame's IP is a return address (not a faulting instruction).</summary>
    IpIsReturnAddress = 1 << 2,
    /// <summary>The current frame was reached by jumping to an ExInfo's frame (a funclet's parent).</summary>
    ExCollide = 1 << 3,
    /// <summary>The last unwind left a reverse P/Invoke method: the current frame is native code.</summary>
    UnwoundReversePInvoke = 1 << 4,
    /// <summary><see cref="FrameIterator.Method"/> describes the current frame.</summary>
    MethodKnown = 1 << 5,
}
