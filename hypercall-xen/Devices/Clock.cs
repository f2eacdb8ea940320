using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Devices;

/// <summary>Monotonic time since boot from Xen's pvclock, and the wall clock from shared info.</summary>
internal static unsafe class Clock
{
    private static ulong s_bootSystemTime;

    public static void Initialize() => s_bootSystemTime = PvClock.SystemTime();

    public static ulong MonotonicNanoseconds() => PvClock.SystemTime() - s_bootSystemTime;

    /// <summary>
    /// UTC from shared_info's wallclock (the time of Xen system time 0, under wc_version: odd while Xen updates it)
    /// plus the current system time.
    /// </summary>
    public static ulong WallClockNanoseconds()
    {
        byte* page = SharedInfo.Page;
        uint version;
        ulong seconds, nanoseconds;
        do
        {
            version = System.Threading.Volatile.Read(ref *(uint*)(page + SharedInfo.WallClockVersionOffset));
            seconds = *(uint*)(page + SharedInfo.WallClockVersionOffset + 4) | (ulong)*(uint*)(page + SharedInfo.WallClockVersionOffset + 12) << 32;
            nanoseconds = *(uint*)(page + SharedInfo.WallClockVersionOffset + 8);
        }
        while ((version & 1) != 0 || version != System.Threading.Volatile.Read(ref *(uint*)(page + SharedInfo.WallClockVersionOffset)));
        return seconds * 1_000_000_000UL + nanoseconds + PvClock.SystemTime();
    }

    /// <summary>
    /// The Xen system time at which the monotonic clock reads <paramref name="monotonic"/>; saturates at
    /// <see cref="ulong.MaxValue"/>.
    /// </summary>
    public static ulong ToSystemTime(ulong monotonic) =>
        monotonic > ulong.MaxValue - s_bootSystemTime ? ulong.MaxValue : monotonic + s_bootSystemTime;
}
