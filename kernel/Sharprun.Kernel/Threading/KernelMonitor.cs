using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// A mutex with one condition variable: what CoreLib's LowLevelMonitor is, and so the base of every wait in
/// System.Threading. Ownership passes directly to the longest-waiting thread on release (no barging, no
/// starvation). Kernel heap memory, zeroed when free; a zeroed monitor is unowned with nobody waiting.
/// </summary>
internal unsafe struct KernelMonitor
{
    private KernelThread* _owner;
    private ThreadQueue _entrants;
    private ThreadQueue _waiters;

    public readonly bool IsOwned => _owner != null;

    public readonly bool HasWaiters => !_waiters.IsEmpty || !_entrants.IsEmpty;

    public static void Acquire(KernelMonitor* monitor)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        AcquireDisabled(monitor);
        Hypercalls.RestoreInterrupts(enabled);
    }

    public static void Release(KernelMonitor* monitor)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        RequireOwner(monitor, "release");
        ReleaseDisabled(monitor);
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>
    /// Releases the monitor, waits for <see cref="Signal"/> or until <paramref name="deadline"/> (monotonic
    /// nanoseconds; ulong.MaxValue for none), and re-acquires it. True when signalled.
    /// </summary>
    public static bool Wait(KernelMonitor* monitor, ulong deadline)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        RequireOwner(monitor, "wait on");
        ReleaseDisabled(monitor);
        bool timedOut = Scheduler.Block(&monitor->_waiters, deadline);
        AcquireDisabled(monitor);
        Hypercalls.RestoreInterrupts(enabled);
        return !timedOut;
    }

    /// <summary>Wakes the longest waiter, if any; the caller must own the monitor.</summary>
    public static void Signal(KernelMonitor* monitor)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        RequireOwner(monitor, "signal");
        KernelThread* waiter = monitor->_waiters.First;
        if (waiter != null)
            Scheduler.Wake(waiter);
        Hypercalls.RestoreInterrupts(enabled);
    }

    private static void AcquireDisabled(KernelMonitor* monitor)
    {
        KernelThread* current = Scheduler.Current;
        if (monitor->_owner == null)
        {
            monitor->_owner = current;
            return;
        }
        if (monitor->_owner == current)
            Panic.Fail("a thread acquired a LowLevelMonitor it already holds (they are not recursive)");
        // The releasing thread hands ownership over before waking us.
        Scheduler.Block(&monitor->_entrants, ulong.MaxValue);
        if (monitor->_owner != current)
            Panic.Fail("a LowLevelMonitor entrant woke up without ownership");
    }

    private static void ReleaseDisabled(KernelMonitor* monitor)
    {
        KernelThread* next = monitor->_entrants.First;
        monitor->_owner = next;
        if (next != null)
            Scheduler.Wake(next);
    }

    private static void RequireOwner(KernelMonitor* monitor, string operation)
    {
        if (monitor->_owner != Scheduler.Current)
        {
            Panic.Begin("a thread tried to ");
            KernelLog.Write(operation);
            KernelLog.Write(" a LowLevelMonitor it does not hold");
            Panic.End();
        }
    }
}
