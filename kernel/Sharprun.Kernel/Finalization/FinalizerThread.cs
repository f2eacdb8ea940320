using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Gc;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Finalization;

/// <summary>
/// The finalizer thread, as .NET has one: it runs CoreLib's own finalizer loop (<c>ProcessFinalizers</c>), which
/// waits here for a collection to make finalizers ready, takes the objects one by one from the finalization
/// queue, runs their finalizers, and reports the round complete. GC.WaitForPendingFinalizers waits for the queue
/// to be empty and the thread idle. A finalizer that throws is an unhandled exception on this thread, which ends
/// the program with CoreLib's report, as on .NET. State changes happen with interrupts disabled.
/// </summary>
internal static unsafe class FinalizerThread
{
    private static KernelThread* s_thread;
    private static ThreadQueue s_idle;
    private static ThreadQueue s_waiters;
    private static bool s_running;

    /// <summary>Starts the thread; the runtime must be initialized (it runs managed code at once).</summary>
    public static void Start()
    {
        KernelThread* thread = ThreadStacks.CreateThread(&Main, 0, 0);
        if (thread == null)
            Panic.Fail("out of memory creating the finalizer thread");
        s_thread = thread;
        Scheduler.Admit(thread);
    }

    /// <summary>
    /// A collection made finalizers ready: wakes the thread if it waits. Called by the collector, so it only
    /// changes scheduler state and never blocks.
    /// </summary>
    public static void Request()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        if (s_thread != null && s_thread->Queue == (ThreadQueue*)Unsafe.AsPointer(ref s_idle))
            Scheduler.Wake(s_thread);
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>GC.WaitForPendingFinalizers: returns once every finalizer made ready so far has run.</summary>
    public static void WaitForPending()
    {
        // A finalizer waiting for finalizers would wait for itself.
        if (Scheduler.Current == s_thread || s_thread == null)
            return;
        bool enabled = Hypercalls.DisableInterrupts();
        while (s_running || FinalizationQueue.ReadyCount != 0)
        {
            if (s_thread->Queue == (ThreadQueue*)Unsafe.AsPointer(ref s_idle))
                Scheduler.Wake(s_thread);
            Scheduler.Block((ThreadQueue*)Unsafe.AsPointer(ref s_waiters), ulong.MaxValue);
        }
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>The finalizer loop's wait: blocks until finalizers are ready. Always 1 (a request, not a collection).</summary>
    public static uint WaitForRequest()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        while (FinalizationQueue.ReadyCount == 0)
            Scheduler.Block((ThreadQueue*)Unsafe.AsPointer(ref s_idle), ulong.MaxValue);
        s_running = true;
        Hypercalls.RestoreInterrupts(enabled);
        return 1;
    }

    /// <summary>The loop drained the queue: lets GC.WaitForPendingFinalizers callers check again.</summary>
    public static void SignalComplete()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        s_running = false;
        Scheduler.WakeAll((ThreadQueue*)Unsafe.AsPointer(ref s_waiters));
        Hypercalls.RestoreInterrupts(enabled);
    }

    [UnmanagedCallersOnly]
    private static nint Main(nint argument)
    {
        ProcessFinalizers();
        Panic.Fail("CoreLib's finalizer loop returned");
        return 0;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("ProcessFinalizers")]
    private static extern void ProcessFinalizers();
}
