using System;
using Sharprun.Hypercall.Devices;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform;

/// <summary>
/// Reading the RTC registers consistently: waiting out updates, reading until two reads agree, and giving up
/// (rather than hanging) on a chip that never settles. A scripted register file stands in for the ports; xunit runs
/// the tests of one class one at a time, so they can share it.
/// </summary>
public sealed unsafe class RealTimeClockReadTests
{
    private const byte StatusA = 0x0A;
    private const byte Seconds = 0x00;

    // The scripted chip: static because the reader takes a plain function pointer.
    private static byte[] s_registers = new byte[128];
    private static int s_busyStatusReads;
    private static int s_statusReads;
    private static Action<int>? s_onStatusRead;

    private static byte ReadScripted(byte register)
    {
        if (register != StatusA)
            return s_registers[register];
        s_statusReads++;
        s_onStatusRead?.Invoke(s_statusReads);
        return (byte)(s_statusReads <= s_busyStatusReads ? 0x80 : 0x26);
    }

    private static void Reset()
    {
        s_registers = new byte[128];
        s_registers[0x00] = 0x30; // 12:34:30, 2026-11-21, BCD 24-hour, century 20
        s_registers[0x02] = 0x34;
        s_registers[0x04] = 0x12;
        s_registers[0x07] = 0x21;
        s_registers[0x08] = 0x11;
        s_registers[0x09] = 0x26;
        s_registers[0x32] = 0x20;
        s_registers[0x0B] = CmosTime.TwentyFourHour;
        s_busyStatusReads = 0;
        s_statusReads = 0;
        s_onStatusRead = null;
    }

    [Fact]
    public void WaitsForTheUpdateToEndThenReads()
    {
        Reset();
        s_busyStatusReads = 1000;
        Assert.True(RealTimeClock.TryReadStable(&ReadScripted, out CmosTime time));
        Assert.True(time.TryGetUnixSeconds(out long seconds));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 34, 30, TimeSpan.Zero).ToUnixTimeSeconds(), seconds);
        Assert.True(s_statusReads > 1000);
    }

    [Fact]
    public void AnUpdateBetweenReadsIsReadAgain()
    {
        Reset();
        // The seconds tick right after the first read: the first two reads disagree, the next two agree.
        s_onStatusRead = count => { if (count == 2) s_registers[Seconds] = 0x31; };
        Assert.True(RealTimeClock.TryReadStable(&ReadScripted, out CmosTime time));
        Assert.Equal(0x31, time.Seconds);
        Assert.Equal(3, s_statusReads);
    }

    [Fact]
    public void AChipThatNeverFinishesUpdatingIsGivenUpOn()
    {
        Reset();
        s_busyStatusReads = int.MaxValue;
        Assert.False(RealTimeClock.TryReadStable(&ReadScripted, out _));
        Assert.Equal(RealTimeClock.UpdateWaitLimit, s_statusReads);
    }

    [Fact]
    public void RegistersThatNeverAgreeAreGivenUpOn()
    {
        Reset();
        s_onStatusRead = count => s_registers[Seconds] = (byte)count;
        Assert.False(RealTimeClock.TryReadStable(&ReadScripted, out _));
        Assert.Equal(RealTimeClock.ReadAttemptLimit, s_statusReads);
    }
}
