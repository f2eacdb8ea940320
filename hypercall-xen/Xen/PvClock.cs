using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Xen system time from vCPU 0's vcpu_time_info: system_time at tsc_timestamp plus the TSC delta scaled by
/// tsc_to_system_mul and tsc_shift. Xen updates the record under a version counter (odd while writing).
/// </summary>
internal static unsafe class PvClock
{
    // struct vcpu_time_info: version u32, pad u32, tsc_timestamp u64, system_time u64, tsc_to_system_mul u32, tsc_shift i8, flags u8.
    private const int VersionOffset = 0;
    private const int TscTimestampOffset = 8;
    private const int SystemTimeOffset = 16;
    private const int MultiplierOffset = 24;
    private const int ShiftOffset = 28;

    private static ulong s_last;

    /// <summary>Nanoseconds of Xen system time (since the host booted); never goes backwards.</summary>
    public static ulong SystemTime()
    {
        byte* info = SharedInfo.VcpuTime;
        ulong now;
        uint version;
        do
        {
            version = System.Threading.Volatile.Read(ref *(uint*)(info + VersionOffset));
            ulong stamp = System.Threading.Volatile.Read(ref *(ulong*)(info + TscTimestampOffset));
            ulong system = System.Threading.Volatile.Read(ref *(ulong*)(info + SystemTimeOffset));
            uint multiplier = System.Threading.Volatile.Read(ref *(uint*)(info + MultiplierOffset));
            sbyte shift = System.Threading.Volatile.Read(ref *(sbyte*)(info + ShiftOffset));
            ulong delta = Instructions.ReadTimeStampCounter() - stamp;
            delta = shift >= 0 ? delta << shift : delta >> -shift;
            ulong high = System.Math.BigMul(delta, multiplier, out ulong low);
            now = system + ((high << 32) | (low >> 32));
        }
        while ((version & 1) != 0 || version != System.Threading.Volatile.Read(ref *(uint*)(info + VersionOffset)));
        // The TSC of a vCPU that moved between physical CPUs can lag the last reading by a little.
        if (now < s_last)
            now = s_last;
        s_last = now;
        return now;
    }
}
