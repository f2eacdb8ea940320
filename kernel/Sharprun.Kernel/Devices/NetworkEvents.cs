using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Devices;

/// <summary>
/// Where the network thread sleeps between polls of the stack: until a NIC interrupt, a kick (the stack wants to
/// be polled early, e.g. a socket queued data) or its next timer deadline. A pending flag, tested and cleared with
/// interrupts disabled, keeps an event that arrives between a poll and the wait from being lost.
/// </summary>
public static unsafe class NetworkEvents
{
    private static ThreadQueue s_waiter;
    private static bool s_pending;

    /// <summary>
    /// Blocks the calling thread until an event is pending or the monotonic clock reaches <paramref name="deadline"/>
    /// (ulong.MaxValue: no deadline); clears the pending events. Returns false when the deadline ended the wait.
    /// </summary>
    public static bool Wait(ulong deadline)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        while (!s_pending && Hypercalls.MonotonicNanoseconds() < deadline)
        {
            if (Scheduler.Block((ThreadQueue*)Unsafe.AsPointer(ref s_waiter), deadline))
                break;
        }

        bool woken = s_pending;
        s_pending = false;
        Hypercalls.RestoreInterrupts(enabled);
        return woken;
    }

    /// <summary>Wakes the waiting network thread (or makes its next wait return at once). Any thread.</summary>
    public static void Kick()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        Raise();
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>Makes interrupt exits take the platform's network events from now on; before the first wait. Idempotent.</summary>
    public static void Start() => InterruptExitHooks.Add(&OnInterrupt);

    /// <summary>Interrupt exit: the platform's NICs may have frames or free transmit slots. Interrupts are disabled.</summary>
    private static void OnInterrupt()
    {
        if (Hypercalls.TakeNetworkEvents())
            Raise();
    }

    private static void Raise()
    {
        s_pending = true;
        Scheduler.WakeAll((ThreadQueue*)Unsafe.AsPointer(ref s_waiter));
    }
}
