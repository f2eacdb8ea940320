using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Wall-clock time: the CMOS real-time clock is read once at boot (it only counts whole seconds and each read
/// costs port I/O), and the monotonic clock carries it forward from there.
/// </summary>
internal static unsafe class RealTimeClock
{
    private const ushort IndexPort = 0x70;
    private const ushort DataPort = 0x71;

    private const byte SecondsRegister = 0x00;
    private const byte MinutesRegister = 0x02;
    private const byte HoursRegister = 0x04;
    private const byte DayOfMonthRegister = 0x07;
    private const byte MonthRegister = 0x08;
    private const byte YearRegister = 0x09;
    private const byte StatusARegister = 0x0A;
    private const byte StatusBRegister = 0x0B;
    private const byte CenturyRegister = 0x32;

    /// <summary>Status register A, bit 7: the chip is updating its registers (for at most about 2 ms).</summary>
    private const byte UpdateInProgress = 0x80;

    /// <summary>Status reads to wait for an update to end: far beyond 2 ms even at a fraction of a microsecond per read.</summary>
    public const int UpdateWaitLimit = 1_000_000;

    /// <summary>Full reads before giving up on two consecutive ones agreeing (each disagreement means an update hit the read).</summary>
    public const int ReadAttemptLimit = 8;

    private static ulong s_bootWallNanoseconds;
    private static ulong s_bootMonotonicNanoseconds;

    /// <summary>Reads the RTC; needs <see cref="Clock"/> initialized. A clock that cannot be read starts the wall clock at 1970-01-01.</summary>
    public static void Initialize()
    {
        s_bootMonotonicNanoseconds = Clock.MonotonicNanoseconds();
        if (!TryReadStable(&ReadPort, out CmosTime time))
        {
            SerialConsole.WriteKernel("rtc: the clock kept updating while it was read; wall clock starts at 1970-01-01T00:00:00Z\n");
            return;
        }
        if (!time.TryGetUnixSeconds(out long seconds))
        {
            SerialConsole.WriteKernel("rtc: the clock holds no valid date from 1970 on; wall clock starts at 1970-01-01T00:00:00Z\n");
            return;
        }
        s_bootWallNanoseconds = (ulong)seconds * 1_000_000_000UL;
    }

    /// <summary>Nanoseconds since 1970-01-01T00:00:00Z.</summary>
    public static ulong WallClockNanoseconds() =>
        s_bootWallNanoseconds + (Clock.MonotonicNanoseconds() - s_bootMonotonicNanoseconds);

    /// <summary>
    /// Reads every date register outside an update, twice, until two reads agree (an update may still start
    /// between the status check and the last register). <paramref name="readRegister"/> reads one CMOS register.
    /// </summary>
    public static bool TryReadStable(delegate*<byte, byte> readRegister, out CmosTime time)
    {
        time = default;
        if (!TryReadOnce(readRegister, out CmosTime previous))
            return false;
        for (int attempt = 1; attempt < ReadAttemptLimit; attempt++)
        {
            if (!TryReadOnce(readRegister, out CmosTime current))
                return false;
            if (SameRegisters(previous, current))
            {
                time = current;
                return true;
            }
            previous = current;
        }
        return false;
    }

    private static bool TryReadOnce(delegate*<byte, byte> readRegister, out CmosTime time)
    {
        time = default;
        int waited = 0;
        while ((readRegister(StatusARegister) & UpdateInProgress) != 0)
        {
            if (++waited == UpdateWaitLimit)
                return false;
        }
        time.Seconds = readRegister(SecondsRegister);
        time.Minutes = readRegister(MinutesRegister);
        time.Hours = readRegister(HoursRegister);
        time.DayOfMonth = readRegister(DayOfMonthRegister);
        time.Month = readRegister(MonthRegister);
        time.Year = readRegister(YearRegister);
        time.Century = readRegister(CenturyRegister);
        time.StatusB = readRegister(StatusBRegister);
        return true;
    }

    private static bool SameRegisters(in CmosTime a, in CmosTime b) =>
        a.Seconds == b.Seconds && a.Minutes == b.Minutes && a.Hours == b.Hours && a.DayOfMonth == b.DayOfMonth
        && a.Month == b.Month && a.Year == b.Year && a.Century == b.Century && a.StatusB == b.StatusB;

    /// <summary>Selects a register (bit 7 clear leaves NMIs enabled) and reads it.</summary>
    private static byte ReadPort(byte register)
    {
        Instructions.OutByte(IndexPort, register);
        return Instructions.InByte(DataPort);
    }
}
