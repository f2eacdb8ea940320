using System;
using Sharprun.Hypercall.Devices;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform;

/// <summary>Decoding the bare-metal platform's CMOS date registers: BCD and binary, 12- and 24-hour, and hostile values.</summary>
public sealed class CmosTimeTests
{
    private const byte Bcd24Hour = CmosTime.TwentyFourHour;
    private const byte Binary24Hour = CmosTime.TwentyFourHour | CmosTime.BinaryMode;
    private const byte Bcd12Hour = 0;
    private const byte Binary12Hour = CmosTime.BinaryMode;

    private static CmosTime Registers(byte year, byte month, byte day, byte hours, byte minutes, byte seconds, byte statusB, byte century = 0) =>
        new()
        {
            Year = year, Month = month, DayOfMonth = day, Hours = hours, Minutes = minutes, Seconds = seconds,
            StatusB = statusB, Century = century,
        };

    private static long Unix(int year, int month, int day, int hour, int minute, int second) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();

    private static long Decode(CmosTime time)
    {
        Assert.True(time.TryGetUnixSeconds(out long seconds));
        return seconds;
    }

    [Fact]
    public void BcdTwentyFourHourWithoutCenturyRegisterIsThe2000s()
    {
        Assert.Equal(Unix(2026, 11, 21, 17, 45, 59), Decode(Registers(0x26, 0x11, 0x21, 0x17, 0x45, 0x59, Bcd24Hour)));
    }

    [Fact]
    public void BinaryModeReadsPlainNumbers()
    {
        Assert.Equal(Unix(2024, 2, 29, 23, 59, 58), Decode(Registers(24, 2, 29, 23, 59, 58, Binary24Hour)));
    }

    [Fact]
    public void CenturyRegisterIsUsedWhenItHoldsACentury()
    {
        Assert.Equal(Unix(1999, 12, 31, 23, 59, 59), Decode(Registers(0x99, 0x12, 0x31, 0x23, 0x59, 0x59, Bcd24Hour, century: 0x19)));
        Assert.Equal(Unix(2100, 3, 1, 0, 0, 0), Decode(Registers(0x00, 0x03, 0x01, 0x00, 0x00, 0x00, Bcd24Hour, century: 0x21)));
    }

    [Theory]
    [InlineData((byte)0x00)] // no register: reads as zero
    [InlineData((byte)0xFF)] // no register: floating bus
    [InlineData((byte)0x3A)] // not BCD
    public void ImplausibleCenturyRegisterMeansThe2000s(byte century)
    {
        Assert.Equal(Unix(2030, 1, 1, 0, 0, 0), Decode(Registers(0x30, 0x01, 0x01, 0x00, 0x00, 0x00, Bcd24Hour, century)));
    }

    [Theory]
    [InlineData((byte)0x12, 0)]          // 12 AM is midnight
    [InlineData((byte)0x01, 1)]
    [InlineData((byte)0x11, 11)]
    [InlineData((byte)(0x12 | 0x80), 12)] // 12 PM is noon
    [InlineData((byte)(0x01 | 0x80), 13)]
    [InlineData((byte)(0x11 | 0x80), 23)]
    public void TwelveHourBcdUsesThePmFlag(byte hours, int expectedHour)
    {
        Assert.Equal(Unix(2025, 6, 15, expectedHour, 30, 0), Decode(Registers(0x25, 0x06, 0x15, hours, 0x30, 0x00, Bcd12Hour)));
    }

    [Fact]
    public void TwelveHourBinaryUsesThePmFlag()
    {
        Assert.Equal(Unix(2025, 6, 15, 19, 5, 7), Decode(Registers(25, 6, 15, 7 | CmosTime.PmFlag, 5, 7, Binary12Hour)));
    }

    [Theory]
    [InlineData((byte)0x26, (byte)0x13, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // month 13
    [InlineData((byte)0x26, (byte)0x00, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // month 0
    [InlineData((byte)0x26, (byte)0x02, (byte)0x29, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // 2026 is not a leap year
    [InlineData((byte)0x26, (byte)0x04, (byte)0x31, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // April has 30 days
    [InlineData((byte)0x26, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // day 0
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x24, (byte)0x00, (byte)0x00, Bcd24Hour)] // hour 24
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x00, (byte)0x60, (byte)0x00, Bcd24Hour)] // minute 60
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x60, Bcd24Hour)] // second 60
    [InlineData((byte)0x2A, (byte)0x01, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x00, Bcd24Hour)] // not BCD
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x00, (byte)0x0F, (byte)0x00, Bcd24Hour)] // not BCD
    [InlineData((byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, Bcd24Hour)] // no chip
    [InlineData((byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, Binary24Hour)]
    [InlineData((byte)100, (byte)1, (byte)1, (byte)0, (byte)0, (byte)0, Binary24Hour)] // year of century 100
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x00, (byte)0x00, (byte)0x00, Bcd12Hour)] // 12-hour clock at hour 0
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x13, (byte)0x00, (byte)0x00, Bcd12Hour)] // 12-hour clock at hour 13
    [InlineData((byte)0x26, (byte)0x01, (byte)0x01, (byte)0x81, (byte)0x00, (byte)0x00, Bcd24Hour)] // PM flag on a 24-hour clock
    public void RegistersThatAreNoDateAreRejected(byte year, byte month, byte day, byte hours, byte minutes, byte seconds, byte statusB)
    {
        Assert.False(Registers(year, month, day, hours, minutes, seconds, statusB).TryGetUnixSeconds(out long result));
        Assert.Equal(0, result);
    }

    [Fact]
    public void DatesBeforeTheUnixEpochAreRejected()
    {
        Assert.False(Registers(0x69, 0x12, 0x31, 0x23, 0x59, 0x59, Bcd24Hour, century: 0x19).TryGetUnixSeconds(out _));
        Assert.Equal(0, Decode(Registers(0x70, 0x01, 0x01, 0x00, 0x00, 0x00, Bcd24Hour, century: 0x19)));
    }

    [Fact]
    public void EveryRegisterValueDecodesOrIsRejectedWithoutThrowing()
    {
        for (int value = 0; value < 256; value++)
        {
            foreach (byte statusB in new[] { Bcd24Hour, Binary24Hour, Bcd12Hour, Binary12Hour })
            {
                byte v = (byte)value;
                AssertRejectedOrPlausible(Registers(v, v, v, v, v, v, statusB, v));
                AssertRejectedOrPlausible(Registers(0x26, 0x01, 0x01, v, 0x00, 0x00, statusB));
            }
        }
    }

    private static void AssertRejectedOrPlausible(CmosTime time)
    {
        if (time.TryGetUnixSeconds(out long seconds))
            Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(seconds).Year, 1970, 9999);
        else
            Assert.Equal(0, seconds);
    }
}
