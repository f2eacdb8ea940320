using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The assembly stubs of exception dispatch (toolchain LowLevel/ExceptionStubs.cs) as the stack walker
/// sees them: the return addresses that identify their frames, and the shape of those frames.
/// </summary>
internal static unsafe class DispatchStubs
{
    /// <summary>
    /// Frames of RhpCallCatchFunclet, RhpCallFinallyFunclet and RhpCallFilterFunclet: below the return
    /// address, rbp, rbx, r12, r13, r14, r15 (lowest first), below those this many local slots.
    /// </summary>
    public const int CatchStubLocalSlots = 7;
    public const int FinallyStubLocalSlots = 3;
    public const int FilterStubLocalSlots = 1;

    public static ReturnSite Classify(nuint returnAddress)
    {
        byte* address = (byte*)returnAddress;
        if (address == CatchFuncletReturn() || address == FinallyFuncletReturn())
            return ReturnSite.FuncletInvokeStub;
        if (address == FilterFuncletReturn())
            return ReturnSite.FilterInvokeStub;
        if (address == ThrowReturn() || address == RethrowReturn())
            return ReturnSite.ThrowStub;
        if (address == HardwareThrowReturn())
            return ReturnSite.HardwareThrowStub;
        return UnwindSections.IsManagedCode(address) ? ReturnSite.ManagedCode : ReturnSite.Other;
    }

    /// <summary>Where a redirected hardware fault resumes: rdi = fault code, rsi = faulting IP, rsp = faulting SP.</summary>
    public static byte* HardwareThrowEntry => HardwareThrowEntryAddress();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpCallCatchFunclet2")]
    private static extern byte* CatchFuncletReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpCallFinallyFunclet2")]
    private static extern byte* FinallyFuncletReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpCallFilterFunclet2")]
    private static extern byte* FilterFuncletReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpThrowEx2")]
    private static extern byte* ThrowReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpRethrow2")]
    private static extern byte* RethrowReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpThrowHwEx2")]
    private static extern byte* HardwareThrowReturn();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_RhpThrowHwEx")]
    private static extern byte* HardwareThrowEntryAddress();
}

/// <summary>What kind of code a return address returns into.</summary>
internal enum ReturnSite
{
    ManagedCode,
    /// <summary>RhpCallCatchFunclet or RhpCallFinallyFunclet: the frame below was a funclet called by dispatch.</summary>
    FuncletInvokeStub,
    /// <summary>RhpCallFilterFunclet, called by CoreLib's first pass.</summary>
    FilterInvokeStub,
    /// <summary>RhpThrowEx or RhpRethrow, below CoreLib's dispatcher.</summary>
    ThrowStub,
    /// <summary>RhpThrowHwEx: like <see cref="ThrowStub"/>, but the context holds a faulting IP.</summary>
    HardwareThrowStub,
    /// <summary>Neither managed code nor a dispatch stub: native code, the end of managed frames.</summary>
    Other,
}
