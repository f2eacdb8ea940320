using System.Runtime;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// CoreLib's low-level monitor (pal_threading.h): a mutex with one condition variable. There is one CPU and no
/// other thread yet, so a held monitor can never be released by someone else and nobody can signal a waiter:
/// waiting with a timeout lets the time pass and reports a timeout, waiting forever panics with a clear message.
/// </summary>
public static unsafe class PalThreading
{
    [RuntimeExport("SystemNative_LowLevelMonitor_Create")]
    public static LowLevelMonitor* LowLevelMonitor_Create() =>
        (LowLevelMonitor*)PalMemory.Malloc((nuint)sizeof(LowLevelMonitor));

    [RuntimeExport("SystemNative_LowLevelMonitor_Destroy")]
    public static void LowLevelMonitor_Destroy(LowLevelMonitor* monitor)
    {
        if (monitor == null)
        {
            return;
        }

        if (monitor->IsHeld)
        {
            Panic.Fail("SystemNative_LowLevelMonitor_Destroy: the monitor is still held");
        }

        PalMemory.Free(monitor);
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Acquire")]
    public static void LowLevelMonitor_Acquire(LowLevelMonitor* monitor)
    {
        if (monitor == null)
        {
            Panic.Fail("SystemNative_LowLevelMonitor_Acquire: null monitor");
        }

        if (monitor->IsHeld)
        {
            Panic.Fail("SystemNative_LowLevelMonitor_Acquire: the monitor is already held and no other thread can release it (deadlock)");
        }

        monitor->IsHeld = true;
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Release")]
    public static void LowLevelMonitor_Release(LowLevelMonitor* monitor)
    {
        RequireHeld(monitor, "SystemNative_LowLevelMonitor_Release: the monitor is not held");
        monitor->IsHeld = false;
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Wait")]
    public static void LowLevelMonitor_Wait(LowLevelMonitor* monitor)
    {
        RequireHeld(monitor, "SystemNative_LowLevelMonitor_Wait: the monitor is not held");
        Panic.Fail("LowLevelMonitor_Wait: no other thread can signal (threads are not implemented yet)");
    }

    /// <summary>
    /// Returns 0 (timed out) once the timeout has passed; nobody can signal meanwhile. A negative timeout is
    /// treated as already expired. The monitor stays held: releasing and re-acquiring it around the wait would be
    /// invisible with no other thread.
    /// </summary>
    [RuntimeExport("SystemNative_LowLevelMonitor_TimedWait")]
    public static int LowLevelMonitor_TimedWait(LowLevelMonitor* monitor, int timeoutMilliseconds)
    {
        RequireHeld(monitor, "SystemNative_LowLevelMonitor_TimedWait: the monitor is not held");
        IdleWait.ForMilliseconds(timeoutMilliseconds);
        return 0;
    }

    /// <summary>Signals (no thread is waiting) and releases.</summary>
    [RuntimeExport("SystemNative_LowLevelMonitor_Signal_Release")]
    public static void LowLevelMonitor_Signal_Release(LowLevelMonitor* monitor)
    {
        RequireHeld(monitor, "SystemNative_LowLevelMonitor_Signal_Release: the monitor is not held");
        monitor->IsHeld = false;
    }

    /// <summary>The only CPU is CPU 0.</summary>
    [RuntimeExport("SystemNative_SchedGetCpu")]
    public static int SchedGetCpu() => 0;

    private static void RequireHeld(LowLevelMonitor* monitor, string complaint)
    {
        if (monitor == null)
        {
            Panic.Fail("SystemNative_LowLevelMonitor: null monitor");
        }

        if (!monitor->IsHeld)
        {
            Panic.Fail(complaint);
        }
    }
}
