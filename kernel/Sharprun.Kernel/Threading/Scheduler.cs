using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// Round-robin scheduling of threads on the one CPU: a run queue, blocking with an optional deadline, waking,
/// yielding, exiting, an idle thread that halts, and preemption at the end of interrupts once a thread's time
/// slice is over. All state changes happen with interrupts disabled.
/// </summary>
internal static unsafe class Scheduler
{
    private const ulong TimeSliceNanoseconds = 10_000_000;

    private static KernelThread s_bootThread;
    private static KernelThread* s_current;
    private static KernelThread* s_idle;
    private static KernelThread* s_all;
    private static ThreadQueue s_runQueue;
    private static ThreadQueue s_exited;
    private static TimedWaits s_timedWaits;
    private static ulong s_sliceEnd;
    private static ulong s_armedDeadline = ulong.MaxValue;
    private static ulong s_nextId = 1;
    private static ulong s_idleSince;
    private static ulong s_idleNanoseconds;
    private static int s_liveThreads;

    /// <summary>The running thread; null only before <see cref="Initialize"/> (and in host tests).</summary>
    public static KernelThread* Current => s_current;

    /// <summary>Every live thread, linked through <see cref="KernelThread.AllNext"/>; the collector's roots.</summary>
    public static KernelThread* AllThreads => s_all;

    public static int LiveThreadCount => s_liveThreads;

    /// <summary>Time the CPU spent halted in the idle thread since boot.</summary>
    public static ulong IdleNanoseconds
    {
        get
        {
            bool enabled = Hypercalls.DisableInterrupts();
            ulong idle = s_idleNanoseconds;
            if (s_current == s_idle && s_idle != null)
                idle += Hypercalls.MonotonicNanoseconds() - s_idleSince;
            Hypercalls.RestoreInterrupts(enabled);
            return idle;
        }
    }

    /// <summary>Makes the boot code's flow the first thread (its stack, its TLS). First thing the kernel does.</summary>
    public static void Initialize(byte* bootStackBottom, byte* bootStackTop, nint* bootControlBlock)
    {
        KernelThread* boot = (KernelThread*)Unsafe.AsPointer(ref s_bootThread);
        boot->Id = s_nextId++;
        boot->State = ThreadRunState.Running;
        boot->StackBottom = bootStackBottom;
        boot->StackTop = bootStackTop;
        boot->ControlBlock = bootControlBlock;
        bootControlBlock[ThreadStacks.StackGuardSlot] = ThreadStacks.NewStackGuard();
        boot->Deadline = ulong.MaxValue;
        s_current = boot;
        Link(boot);
    }

    /// <summary>Creates the idle thread and enables interrupts: from here on threads can block and be preempted.</summary>
    public static void Start()
    {
        s_idle = ThreadStacks.CreateThread(&IdleLoop, 0, ThreadStacks.IdleStackSize);
        if (s_idle == null)
            Panic.Fail("out of memory creating the idle thread");
        s_idle->Id = 0;
        Hypercalls.RestoreInterrupts(true);
    }

    /// <summary>Makes a thread created by <see cref="ThreadStacks"/> known and runnable.</summary>
    public static void Admit(KernelThread* thread)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        thread->Id = s_nextId++;
        Link(thread);
        MakeRunnable(thread);
        ArmTimer(Hypercalls.MonotonicNanoseconds());
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>
    /// Blocks the running thread until <see cref="Wake"/> or, when <paramref name="deadline"/> is not
    /// ulong.MaxValue, until the monotonic clock reaches it; puts it in <paramref name="queue"/> meanwhile when
    /// not null. Interrupts must be disabled. Returns true when the deadline ended the wait.
    /// </summary>
    public static bool Block(ThreadQueue* queue, ulong deadline)
    {
        if (Preemption.IsDisabled)
            Panic.Fail("a thread blocked inside a critical section (preemption disabled)");
        KernelThread* thread = s_current;
        if (thread == s_idle)
            Panic.Fail("the idle thread tried to block");
        thread->State = ThreadRunState.Blocked;
        thread->TimedOut = false;
        if (queue != null)
            queue->Enqueue(queue, thread);
        thread->Deadline = deadline;
        if (deadline != ulong.MaxValue)
            s_timedWaits.Insert(thread);
        SwitchToNext();
        return thread->TimedOut;
    }

    /// <summary>Blocks the running thread until the monotonic clock reaches <paramref name="deadline"/>.</summary>
    public static void SleepUntil(ulong deadline)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        Block(null, deadline);
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>Makes a blocked thread runnable (taking it out of its wait queue). Interrupts must be disabled.</summary>
    public static void Wake(KernelThread* thread)
    {
        if (Unblock(thread))
            ArmTimer(Hypercalls.MonotonicNanoseconds());
    }

    /// <summary>Makes every thread blocked in <paramref name="queue"/> runnable. Interrupts must be disabled.</summary>
    public static void WakeAll(ThreadQueue* queue)
    {
        bool woken = false;
        KernelThread* thread;
        while ((thread = queue->First) != null)
            woken |= Unblock(thread);
        if (woken)
            ArmTimer(Hypercalls.MonotonicNanoseconds());
    }

    private static bool Unblock(KernelThread* thread)
    {
        if (thread->State != ThreadRunState.Blocked)
            return false;
        if (thread->Queue != null)
            thread->Queue->Remove(thread);
        s_timedWaits.Remove(thread);
        MakeRunnable(thread);
        return true;
    }

    /// <summary>Lets the other runnable threads run first; false when there were none.</summary>
    public static bool Yield()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        bool switched = !s_runQueue.IsEmpty;
        if (switched)
        {
            if (s_current != s_idle)
                MakeRunnable(s_current);
            SwitchToNext();
        }
        Hypercalls.RestoreInterrupts(enabled);
        return switched;
    }

    /// <summary>Ends the running thread; its stack and control block are freed later, from another thread.</summary>
    public static void ExitCurrent()
    {
        Hypercalls.DisableInterrupts();
        KernelThread* thread = s_current;
        thread->State = ThreadRunState.Exited;
        Unlink(thread);
        s_exited.Enqueue((ThreadQueue*)Unsafe.AsPointer(ref s_exited), thread);
        SwitchToNext();
        Panic.Fail("an exited thread was resumed");
    }

    /// <summary>Frees what exited threads left behind. Called from thread context (it uses the allocators).</summary>
    public static void ReapExited()
    {
        while (true)
        {
            bool enabled = Hypercalls.DisableInterrupts();
            KernelThread* thread = s_exited.Dequeue();
            Hypercalls.RestoreInterrupts(enabled);
            if (thread == null)
                return;
            ThreadStacks.Free(thread);
        }
    }

    /// <summary>
    /// The end of every interrupt (see <see cref="InterruptExit"/>): wakes the threads whose deadline passed and
    /// returns the context to resume — another thread's when the idle thread can give way or the running
    /// thread's time slice is over and preemption is allowed.
    /// </summary>
    public static nint OnInterruptExit(nint context)
    {
        if (s_current == null || s_idle == null)
            return context;
        ulong now = Hypercalls.MonotonicNanoseconds();
        if (now >= s_armedDeadline)
            s_armedDeadline = ulong.MaxValue;
        while (s_timedWaits.First != null && s_timedWaits.EarliestDeadline <= now)
        {
            KernelThread* expired = s_timedWaits.First;
            expired->TimedOut = true;
            Unblock(expired);
        }
        bool switchDue = !s_runQueue.IsEmpty && (s_current == s_idle || now >= s_sliceEnd);
        if (switchDue && Preemption.IsDisabled)
        {
            Preemption.DeferSwitch();
        }
        else if (switchDue)
        {
            KernelThread* previous = s_current;
            previous->Context = context;
            if (previous != s_idle)
                MakeRunnable(previous);
            KernelThread* next = s_runQueue.Dequeue();
            BecomeCurrent(next, now);
            context = next->Context;
        }
        ArmTimer(now);
        return context;
    }

    /// <summary>Makes <paramref name="next"/> the running thread: idle-time accounting, a new slice, its thread pointer.</summary>
    private static void BecomeCurrent(KernelThread* next, ulong now)
    {
        if (s_current == s_idle)
            s_idleNanoseconds += now - s_idleSince;
        if (next == s_idle)
            s_idleSince = now;
        next->State = ThreadRunState.Running;
        s_current = next;
        s_sliceEnd = now + TimeSliceNanoseconds;
        Hypercalls.SetThreadPointer((nint)next->ControlBlock);
    }

    private static void SwitchToNext()
    {
        KernelThread* next = s_runQueue.Dequeue();
        if (next == null)
            next = s_idle;
        KernelThread* previous = s_current;
        if (next == previous)
        {
            next->State = ThreadRunState.Running;
            return;
        }
        ulong now = Hypercalls.MonotonicNanoseconds();
        BecomeCurrent(next, now);
        ArmTimer(now);
        Hypercalls.SwitchContext(&previous->Context, next->Context);
    }

    private static void MakeRunnable(KernelThread* thread)
    {
        thread->State = ThreadRunState.Runnable;
        s_runQueue.Enqueue((ThreadQueue*)Unsafe.AsPointer(ref s_runQueue), thread);
    }

    /// <summary>
    /// Arms the timer for the earliest wait deadline, or the end of the running thread's slice when others are
    /// waiting to run. A slice already over (preemption deferred) is not re-armed: the critical section's end
    /// switches.
    /// </summary>
    private static void ArmTimer(ulong now)
    {
        ulong deadline = s_timedWaits.EarliestDeadline;
        if (!s_runQueue.IsEmpty && s_current != s_idle && s_sliceEnd > now && s_sliceEnd < deadline)
            deadline = s_sliceEnd;
        if (deadline == s_armedDeadline)
            return;
        s_armedDeadline = deadline;
        Hypercalls.SetTimer(deadline);
    }

    private static void Link(KernelThread* thread)
    {
        thread->AllPrevious = null;
        thread->AllNext = s_all;
        if (s_all != null)
            s_all->AllPrevious = thread;
        s_all = thread;
        s_liveThreads++;
    }

    private static void Unlink(KernelThread* thread)
    {
        if (thread->AllPrevious != null)
            thread->AllPrevious->AllNext = thread->AllNext;
        else
            s_all = thread->AllNext;
        if (thread->AllNext != null)
            thread->AllNext->AllPrevious = thread->AllPrevious;
        s_liveThreads--;
    }

    /// <summary>The idle thread: frees exited threads' memory, then halts until an interrupt makes someone runnable.</summary>
    [System.Runtime.InteropServices.UnmanagedCallersOnly]
    private static nint IdleLoop(nint argument)
    {
        while (true)
        {
            ReapExited();
            Hypercalls.WaitForInterrupt();
        }
    }
}
