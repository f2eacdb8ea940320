namespace Sharprun.Hypercall.Devices;

/// <summary>
/// The MC146818 date and time registers exactly as read from CMOS, and their meaning as UTC (the convention
/// QEMU and Xen follow; a machine whose RTC keeps local time reads off by its offset). Register values are
/// outside input: anything that is not a real date is rejected, never guessed at.
/// </summary>
internal struct CmosTime
{
    /// <summary>Status register B, bit 1: hours count 0–23 (otherwise 1–12 with <see cref="PmFlag"/>).</summary>
    public const byte TwentyFourHour = 0x02;
    /// <summary>Status register B, bit 2: registers hold binary values (otherwise two BCD digits).</summary>
    public const byte BinaryMode = 0x04;
    /// <summary>Hours register, bit 7, in 12-hour mode: the hour is after noon.</summary>
    public const byte PmFlag = 0x80;

    private const int UnixEpochYear = 1970;
    private const int DefaultCentury = 20;

    public byte Seconds;
    public byte Minutes;
    public byte Hours;
    public byte DayOfMonth;
    public byte Month;
    public byte Year;
    /// <summary>The century register (index 0x32 on PCs); a value that is not a plausible century means there is none.</summary>
    public byte Century;
    public byte StatusB;

    /// <summary>Seconds since 1970-01-01T00:00:00Z, or false when the registers hold no valid date from 1970 on.</summary>
    public readonly bool TryGetUnixSeconds(out long unixSeconds)
    {
        unixSeconds = 0;
        bool binary = (StatusB & BinaryMode) != 0;
        if (!TryDecode(Seconds, binary, out int second) || second > 59
            || !TryDecode(Minutes, binary, out int minute) || minute > 59
            || !TryDecodeHour(binary, out int hour)
            || !TryDecode(Month, binary, out int month) || month < 1 || month > 12
            || !TryDecode(Year, binary, out int yearOfCentury) || yearOfCentury > 99
            || !TryDecode(DayOfMonth, binary, out int day))
            return false;

        int century = TryDecode(Century, binary, out int decodedCentury) && decodedCentury >= 19 && decodedCentury <= 99
            ? decodedCentury
            : DefaultCentury;
        int year = century * 100 + yearOfCentury;
        if (year < UnixEpochYear || day < 1 || day > DaysInMonth(year, month))
            return false;

        unixSeconds = DaysSinceUnixEpoch(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        return true;
    }

    private readonly bool TryDecodeHour(bool binary, out int hour)
    {
        if ((StatusB & TwentyFourHour) != 0)
            return TryDecode(Hours, binary, out hour) && hour <= 23;
        bool afterNoon = (Hours & PmFlag) != 0;
        if (!TryDecode((byte)(Hours & ~PmFlag), binary, out int clockHour) || clockHour < 1 || clockHour > 12)
        {
            hour = 0;
            return false;
        }
        // 12 AM is midnight, 12 PM is noon.
        hour = clockHour % 12 + (afterNoon ? 12 : 0);
        return true;
    }

    private static bool TryDecode(byte raw, bool binary, out int value)
    {
        if (binary)
        {
            value = raw;
            return true;
        }
        int tens = raw >> 4, units = raw & 0x0F;
        value = tens * 10 + units;
        return tens <= 9 && units <= 9;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    /// <summary>Days from 1970-01-01 to a proleptic Gregorian date, counting years from March so February comes last.</summary>
    private static long DaysSinceUnixEpoch(int year, int month, int day)
    {
        if (month <= 2)
            year--;
        int era = year / 400;
        int yearOfEra = year - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        // 719468: days from 0000-03-01 to 1970-01-01.
        return era * 146097L + dayOfEra - 719468;
    }
}
