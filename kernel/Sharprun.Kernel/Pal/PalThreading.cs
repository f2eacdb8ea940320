using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The threading part of the PAL (pal_threading.h): thread creation, CoreLib's low-level monitor (a mutex with
/// one condition variable, on which CoreLib builds every other wait), the CPU number and utilization.
/// </summary>
public static unsafe class PalThreading
{
    private const nint MinimumStackSize = 64 * 1024;

    [RuntimeExport("SystemNative_CreateThread")]
    public static int CreateThread(nint stackSize, delegate* unmanaged<nint, nint> startAddress, nint parameter)
    {
        if (stackSize < 0)
            return 0;
        // A requested size below this could not hold exception dispatch or a collection's entry.
        if (stackSize != 0 && stackSize < MinimumStackSize)
            stackSize = MinimumStackSize;
        Scheduler.ReapExited();
        KernelThread* thread = ThreadStacks.CreateThread(startAddress, parameter, (nuint)stackSize);
        if (thread == null)
            return 0;
        Scheduler.Admit(thread);
        return 1;
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Create")]
    internal static KernelMonitor* LowLevelMonitor_Create() =>
        (KernelMonitor*)PalMemory.Malloc((nuint)sizeof(KernelMonitor));

    [RuntimeExport("SystemNative_LowLevelMonitor_Destroy")]
    internal static void LowLevelMonitor_Destroy(KernelMonitor* monitor)
    {
        if (monitor == null)
            return;
        if (monitor->IsOwned || monitor->HasWaiters)
            Diagnostics.Panic.Fail("SystemNative_LowLevelMonitor_Destroy: the monitor is held or waited on");
        PalMemory.Free(monitor);
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Acquire")]
    internal static void LowLevelMonitor_Acquire(KernelMonitor* monitor) => KernelMonitor.Acquire(monitor);

    [RuntimeExport("SystemNative_LowLevelMonitor_Release")]
    internal static void LowLevelMonitor_Release(KernelMonitor* monitor) => KernelMonitor.Release(monitor);

    [RuntimeExport("SystemNative_LowLevelMonitor_Wait")]
    internal static void LowLevelMonitor_Wait(KernelMonitor* monitor) => KernelMonitor.Wait(monitor, ulong.MaxValue);

    /// <summary>1 when signalled, 0 when the timeout passed first (a negative timeout has passed already).</summary>
    [RuntimeExport("SystemNative_LowLevelMonitor_TimedWait")]
    internal static int LowLevelMonitor_TimedWait(KernelMonitor* monitor, int timeoutMilliseconds)
    {
        ulong deadline = Hypercalls.MonotonicNanoseconds() + (ulong)System.Math.Max(timeoutMilliseconds, 0) * 1_000_000;
        return KernelMonitor.Wait(monitor, deadline) ? 1 : 0;
    }

    [RuntimeExport("SystemNative_LowLevelMonitor_Signal_Release")]
    internal static void LowLevelMonitor_Signal_Release(KernelMonitor* monitor)
    {
        KernelMonitor.Signal(monitor);
        KernelMonitor.Release(monitor);
    }

    /// <summary>The only CPU is CPU 0.</summary>
    [RuntimeExport("SystemNative_SchedGetCpu")]
    public static int SchedGetCpu() => 0;

    /// <summary>
    /// Percentage of time the CPU was busy (not idle) since the previous call, whose figures
    /// <paramref name="previous"/> carries (the thread pool's starvation heuristics read this).
    /// </summary>
    [RuntimeExport("SystemNative_GetCpuUtilization")]
    internal static double GetCpuUtilization(ProcessorTimes* previous)
    {
        ulong now = Hypercalls.MonotonicNanoseconds();
        ulong busy = now - Scheduler.IdleNanoseconds;
        ulong elapsed = now - previous->LastCurrentTime;
        ulong busyDelta = busy - previous->LastUserTime;
        double utilization = previous->LastCurrentTime == 0 || elapsed == 0 ? 0 : busyDelta * 100.0 / elapsed;
        previous->LastCurrentTime = now;
        previous->LastKernelTime = 0;
        previous->LastUserTime = busy;
        return utilization > 100 ? 100 : utilization;
    }
}
