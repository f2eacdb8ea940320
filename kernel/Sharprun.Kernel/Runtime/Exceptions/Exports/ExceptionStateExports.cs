using System.Runtime;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The thread's exception state as the assembly stubs and CoreLib reach it: the ExInfo chain, the stack
/// trace seed, and the few context queries CoreLib makes.
/// </summary>
internal static unsafe class ExceptionStateExports
{
    /// <summary>Throw stubs: links a new ExInfo as the innermost one; returns the previous innermost (RhRethrow's active ExInfo).</summary>
    [RuntimeExport("sharprun_exinfo_push")]
    private static ExceptionInfo* Push(ExceptionInfo* exInfo)
    {
        ExceptionThreadState* state = ExceptionThreadState.Current;
        ExceptionInfo* previous = state->ExInfoHead;
        exInfo->Previous = previous;
        state->ExInfoHead = exInfo;
        return previous;
    }

    /// <summary>
    /// RhpCallCatchFunclet, before resuming at <paramref name="resumeSp"/>: every ExInfo below that SP
    /// (this one and those it superseded) lives in stack about to be discarded.
    /// </summary>
    [RuntimeExport("sharprun_exinfo_pop_below")]
    private static void PopBelow(ExceptionInfo* current, nuint resumeSp)
    {
        ExceptionInfo* next = current->Previous;
        while (next != null && (nuint)next < resumeSp)
            next = next->Previous;
        ExceptionThreadState.Current->ExInfoHead = next;
    }

    /// <summary>RhpGetCurrentThreadStackTrace: sets (or, with null, clears) the context the stack trace walk starts from.</summary>
    [RuntimeExport("sharprun_stack_trace_seed")]
    private static void SetStackTraceSeed(PalLimitedContext* context) =>
        ExceptionThreadState.Current->StackTraceSeed = context;

    /// <summary>
    /// void RhpCopyContextFromExInfo(void* osContext, int size, PAL_LIMITED_CONTEXT*): CoreLib's unhandled
    /// exception path copies the throw context into an AMD64 CONTEXT for the fail-fast handler. Fills what
    /// the limited context has (control and integer registers); segment and FP state stay zero.
    /// </summary>
    [RuntimeExport("RhpCopyContextFromExInfo")]
    private static void CopyContextFromExInfo(byte* osContext, int size, PalLimitedContext* context)
    {
        const int ContextSize = 0x4D0;
        const uint ControlAndInteger = 0x0010_0003; // CONTEXT_AMD64 | CONTEXT_CONTROL | CONTEXT_INTEGER
        if (osContext == null || size < ContextSize)
            return;
        for (int i = 0; i < ContextSize; i++)
            osContext[i] = 0;
        *(uint*)(osContext + 0x30) = ControlAndInteger;
        *(nuint*)(osContext + 0x78) = context->Rax;
        *(nuint*)(osContext + 0x88) = context->Rdx;
        *(nuint*)(osContext + 0x90) = context->Rbx;
        *(nuint*)(osContext + 0x98) = context->Rsp;
        *(nuint*)(osContext + 0xA0) = context->Rbp;
        *(nuint*)(osContext + 0xD8) = context->R12;
        *(nuint*)(osContext + 0xE0) = context->R13;
        *(nuint*)(osContext + 0xE8) = context->R14;
        *(nuint*)(osContext + 0xF0) = context->R15;
        *(nuint*)(osContext + 0xF8) = context->Ip;
    }

    /// <summary>
    /// Exception RhpGetThreadAbortException(): the abort a thread was asked to raise. Sharprun never
    /// requests thread aborts (NativeAOT has no Thread.Abort), so there is none.
    /// </summary>
    [RuntimeExport("RhpGetThreadAbortException")]
    private static nint GetThreadAbortException() => 0;

    /// <summary>
    /// The runtime's debug check that the thread's ExInfo chain is consistent after a catch; the chain is kept by
    /// sharprun_exinfo_push/pop_below, which keep it consistent by construction, so there is nothing to check.
    /// </summary>
    [RuntimeExport("RhpValidateExInfoStack")]
    private static void ValidateExInfoStack()
    {
    }
}
