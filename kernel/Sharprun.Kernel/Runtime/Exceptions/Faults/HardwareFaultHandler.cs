using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// Turns CPU exceptions in managed code into managed exceptions, as NativeAOT's signal handler does on
/// Linux: the interrupted context is redirected to RhpThrowHwEx, which runs on the faulting stack with
/// the faulting registers, builds the ExInfo and calls CoreLib's RhThrowHwEx. Everything else — faults
/// in kernel stubs, in the dispatch code itself, stack overflow, other vectors — is a panic.
/// </summary>
internal static unsafe class HardwareFaultHandler
{
    private const ulong DivideError = 0;
    private const ulong GeneralProtection = 13;
    private const ulong PageFault = 14;
    /// <summary>Page fault error code bit: the page was present (a protection violation, not a missing page).</summary>
    private const ulong PageFaultPresent = 1;

    /// <summary>Faults this close below the stack pointer are taken as the stack running out.</summary>
    private const ulong StackOverflowWindow = 64 * 1024;

    /// <summary>
    /// Called by the CPU-exception entry stubs. Either edits <paramref name="frame"/> so that iretq resumes
    /// in RhpThrowHwEx (rip), with the fault code in rdi and the faulting IP in rsi, the stack untouched;
    /// or panics and does not return.
    /// </summary>
    [RuntimeExport("sharprun_kernel_fault")]
    private static void OnFault(InterruptFrame* frame)
    {
        if (IsStackOverflow(frame))
        {
            Panic.StackOverflow(frame);
            return;
        }
        WriteBarrierFaultSites.MoveToCaller(frame);
        if (!UnwindSections.IsManagedCode((byte*)frame->Rip) || DispatchCodeScope.IsActive
            || !TryGetFaultCode(frame, out uint code))
        {
            Panic.Fault(frame);
            return;
        }
        frame->Rdi = code;
        frame->Rsi = frame->Rip;
        frame->Rip = (ulong)DispatchStubs.HardwareThrowEntry;
    }

    /// <summary>
    /// A page fault on a page that is not present, at a stack's guard page or just below the stack pointer:
    /// the stack ran out, and there is no room left to dispatch an exception on. (Page faults run on an
    /// interrupt stack of their own, so this handler still has a stack.)
    /// </summary>
    private static bool IsStackOverflow(InterruptFrame* frame)
    {
        if (frame->Vector != PageFault || (frame->ErrorCode & PageFaultPresent) != 0 || frame->Cr2 < HardwareFaultCode.NullGuardSize)
            return false;
        return Hypercalls.IsGuardPage(frame->Cr2)
            || (frame->Cr2 < frame->Rsp + 8 && frame->Cr2 + StackOverflowWindow >= frame->Rsp);
    }

    private static bool TryGetFaultCode(InterruptFrame* frame, out uint code)
    {
        code = 0;
        switch (frame->Vector)
        {
            case DivideError:
                code = DivideErrorClassifier.IsQuotientOverflow(*frame, UnwindSections.ManagedCodeEnd)
                    ? HardwareFaultCode.IntegerOverflow
                    : HardwareFaultCode.IntegerDivideByZero;
                return true;
            case PageFault:
                if (frame->Cr2 < HardwareFaultCode.NullGuardSize)
                {
                    code = HardwareFaultCode.NullReference;
                    return true;
                }
                code = HardwareFaultCode.AccessViolation;
                return true;
            case GeneralProtection:
                // Non-canonical addresses and misaligned SSE operands; Linux reports these as SIGSEGV at
                // address 0, which NativeAOT turns into a NullReferenceException.
                code = HardwareFaultCode.NullReference;
                return true;
            default:
                return false;
        }
    }
}
