using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Pal;

/// <summary>Clocks (pal_time.h, pal_datetime.h).</summary>
public static class PalTime
{
    /// <summary>Monotonic nanoseconds: CoreLib 9 fixes Stopwatch.Frequency at 1,000,000,000 on Unix.</summary>
    [RuntimeExport("SystemNative_GetTimestamp")]
    public static ulong GetTimestamp() => Hypercalls.MonotonicNanoseconds();

    /// <summary>
    /// Wall-clock time (DateTime.UtcNow) needs a real-time clock that the hypercall interface does not offer yet;
    /// inventing a date would be worse than stopping with a clear message.
    /// </summary>
    [RuntimeExport("SystemNative_GetSystemTimeAsTicks")]
    public static long GetSystemTimeAsTicks()
    {
        Panic.Fail("SystemNative_GetSystemTimeAsTicks: DateTime.UtcNow is not supported yet (the platform offers no wall clock)");
        return 0;
    }
}
