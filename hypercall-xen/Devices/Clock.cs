using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Devices;

/// <summary>Monotonic time since boot from Xen's pvclock, and sleeping until a deadline on the one-shot timer.</summary>
internal static unsafe class Clock
{
    private static ulong s_bootSystemTime;

    public static void Initialize() => s_bootSystemTime = PvClock.SystemTime();

    public static ulong MonotonicNanoseconds() => PvClock.SystemTime() - s_bootSystemTime;

    /// <summary>Blocks the vCPU until <paramref name="monotonicDeadline"/> (nanoseconds since boot) or any event.</summary>
    public static void SleepUntil(ulong monotonicDeadline)
    {
        ulong deadline = monotonicDeadline + s_bootSystemTime;
        EventChannels.WaitUntil(&Never, SingleShotTimer.Port, deadline);
    }

    private static bool Never() => false;
}
