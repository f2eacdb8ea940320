using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Monotonic time from the TSC. Its frequency comes from CPUID leaf 0x15 when the CPU reports it,
/// otherwise from the shortest of several 5 ms measurements against PIT channel 2 (a host that deschedules the
/// guest mid-measurement only ever makes one longer).
/// </summary>
internal static unsafe class Clock
{
    private const uint PitFrequency = 1193182;
    private const uint CalibrationsPerSecond = 200;
    private const uint CalibrationTicks = PitFrequency / CalibrationsPerSecond;
    private const int CalibrationRounds = 3;

    private static ulong s_bootTsc;
    private static ulong s_tscPerSecond;

    public static void Initialize()
    {
        s_tscPerSecond = FrequencyFromCpuid();
        if (s_tscPerSecond == 0)
            s_tscPerSecond = CalibrateAgainstPit();
        s_bootTsc = Instructions.ReadTimeStampCounter();
    }

    public static ulong TscFrequency => s_tscPerSecond;

    public static ulong MonotonicNanoseconds()
    {
        ulong elapsed = Instructions.ReadTimeStampCounter() - s_bootTsc;
        ulong seconds = elapsed / s_tscPerSecond;
        ulong remainder = elapsed % s_tscPerSecond;
        return seconds * 1_000_000_000UL + remainder * 1_000_000_000UL / s_tscPerSecond;
    }

    private static ulong FrequencyFromCpuid()
    {
        uint* r = stackalloc uint[4];
        Instructions.Cpuid(0, 0, r);
        if (r[0] < 0x15)
            return 0;
        Instructions.Cpuid(0x15, 0, r);
        // eax: denominator, ebx: numerator, ecx: crystal Hz.
        if (r[0] == 0 || r[1] == 0 || r[2] == 0)
            return 0;
        return (ulong)r[2] * r[1] / r[0];
    }

    private static ulong CalibrateAgainstPit()
    {
        ulong best = ulong.MaxValue;
        for (int i = 0; i < CalibrationRounds; i++)
        {
            ulong measured = MeasureAgainstPit();
            if (measured < best)
                best = measured;
        }
        return best;
    }

    private static ulong MeasureAgainstPit()
    {
        // Gate channel 2 on, speaker off; mode 0 one-shot, binary; OUT2 (bit 5 of port 0x61) rises at terminal count.
        byte gate = Instructions.InByte(0x61);
        Instructions.OutByte(0x61, (byte)((gate & 0xFC) | 0x01));
        Instructions.OutByte(0x43, 0xB0);
        Instructions.OutByte(0x42, (byte)(CalibrationTicks & 0xFF));
        Instructions.OutByte(0x42, (byte)(CalibrationTicks >> 8));
        ulong start = Instructions.ReadTimeStampCounter();
        while ((Instructions.InByte(0x61) & 0x20) == 0)
        {
        }
        ulong end = Instructions.ReadTimeStampCounter();
        Instructions.OutByte(0x61, gate);
        ulong perSecond = (end - start) * CalibrationsPerSecond;
        return perSecond == 0 ? 1_000_000_000UL : perSecond;
    }
}
