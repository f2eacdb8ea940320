using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The exception state a thread carries: the chain of ExInfos in flight (innermost first), the context a
/// stack trace starts from, and whether the kernel's own dispatch code is running. Reached only through
/// <see cref="Current"/>: the running thread's copy (a static one serves before the scheduler knows the first
/// thread).
/// </summary>
internal unsafe struct ExceptionThreadState
{
    private static ExceptionThreadState s_beforeThreads;

    /// <summary>Innermost exception in flight; the throw stubs push, a catch resumption pops.</summary>
    public ExceptionInfo* ExInfoHead;

    /// <summary>The caller context captured by RhpGetCurrentThreadStackTrace while it runs, else null.</summary>
    public PalLimitedContext* StackTraceSeed;

    /// <summary>Non-zero while kernel dispatch code runs; a hardware fault then is a kernel bug, not a managed exception.</summary>
    public int DispatchCodeDepth;

    public static ExceptionThreadState* Current
    {
        get
        {
            Threading.KernelThread* thread = Threading.Scheduler.Current;
            if (thread == null)
                return (ExceptionThreadState*)Unsafe.AsPointer(ref s_beforeThreads);
            return &thread->Exceptions;
        }
    }
}
