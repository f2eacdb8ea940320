using System.Runtime;
using Sharprun.Hypercall;

namespace Sharprun.Kernel.Pal;

/// <summary>Clocks (pal_time.h, pal_datetime.h).</summary>
public static class PalTime
{
    /// <summary>Monotonic nanoseconds: CoreLib fixes Stopwatch.Frequency at 1,000,000,000 on Unix.</summary>
    [RuntimeExport("SystemNative_GetTimestamp")]
    public static ulong GetTimestamp() => Hypercalls.MonotonicNanoseconds();

    /// <summary>
    /// Wall-clock time (DateTime.UtcNow): 100 ns ticks since 1970-01-01T00:00:00Z. Local time needs nothing more:
    /// with no /etc/localtime and no TZ variable CoreLib takes UTC as the local time zone.
    /// </summary>
    [RuntimeExport("SystemNative_GetSystemTimeAsTicks")]
    public static long GetSystemTimeAsTicks() => (long)(Hypercalls.WallClockNanoseconds() / NanosecondsPerTick);

    /// <summary>Milliseconds of the monotonic clock, for CoreLib's coarse timers (Environment.TickCount64 in .NET 10).</summary>
    [RuntimeExport("SystemNative_GetLowResolutionTimestamp")]
    public static ulong GetLowResolutionTimestamp() => Hypercalls.MonotonicNanoseconds() / NanosecondsPerMillisecond;

    private const ulong NanosecondsPerTick = 100;
    private const ulong NanosecondsPerMillisecond = 1_000_000;
}
