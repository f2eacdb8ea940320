using Sharprun.Kernel.Runtime.Exceptions;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// One thread: where its stack and TLS are, its saved context while it does not run, the queues it is in, and
/// the runtime state each thread has its own copy of. Lives in the kernel heap (the boot thread's in .bss).
/// </summary>
internal unsafe struct KernelThread
{
    public ulong Id;
    public ThreadRunState State;

    /// <summary>The context frame the thread resumes from while it is not running.</summary>
    public nint Context;

    /// <summary>Lowest usable byte of the stack (the guard page is just below) and the address above its top.</summary>
    public byte* StackBottom;
    public byte* StackTop;

    /// <summary>The pages the stack (with its guard page) was allocated as; null for the boot thread's.</summary>
    public byte* StackAllocation;
    public nuint StackAllocationSize;

    /// <summary>The thread control block FS points at: its first word is the TLS block's address.</summary>
    public nint* ControlBlock;

    /// <summary>Links in the one queue the thread is in: the run queue, a wait queue, or the exited list.</summary>
    public KernelThread* Next;
    public KernelThread* Previous;
    public ThreadQueue* Queue;

    /// <summary>Links in the list of timed waits, ordered by deadline; the deadline is ulong.MaxValue when not in it.</summary>
    public KernelThread* TimedNext;
    public KernelThread* TimedPrevious;
    public ulong Deadline;

    /// <summary>Whether the last block ended because its deadline passed rather than by a wake-up.</summary>
    public bool TimedOut;

    /// <summary>Links in the list of every live thread (the collector's roots).</summary>
    public KernelThread* AllNext;
    public KernelThread* AllPrevious;

    public delegate* unmanaged<nint, nint> Entry;
    public nint Argument;

    public int Errno;
    public ExceptionThreadState Exceptions;

    /// <summary>CoreLib's object[][] of thread-static bases, and where the thread's inlined thread-static base lives.</summary>
    public nint ThreadStaticStorage;
    public void** InlinedThreadStaticRoot;
}
