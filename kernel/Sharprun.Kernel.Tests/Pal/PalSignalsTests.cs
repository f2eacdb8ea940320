using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>Signal registration as the generic host's console lifetime does it (SIGINT, SIGQUIT, SIGTERM).</summary>
[Collection(PalTestCollection.Name)]
public sealed class PalSignalsTests
{
    [Fact]
    public void SignalNumbersAreTheHostLibrarysForNamedAndRawSignals()
    {
        for (int signal = -12; signal <= 70; signal++)
            Assert.Equal(HostSystemNative.GetPlatformSignalNumber(signal), PalSignals.GetPlatformSignalNumber(signal));
        Assert.Equal(15, PalSignals.GetPlatformSignalNumber(-4));
    }

    [Fact]
    public void HandlingIsRecordedPerSignalAndUncatchableOnesAreRefused()
    {
        Assert.Equal(1, PalSignals.EnablePosixSignalHandling(15));
        Assert.Equal(1, PalSignals.EnablePosixSignalHandling(2));
        Assert.True(PalSignals.IsHandled(15));
        Assert.True(PalSignals.IsHandled(2));
        Assert.False(PalSignals.IsHandled(3));

        PalSignals.DisablePosixSignalHandling(15);
        Assert.False(PalSignals.IsHandled(15));
        Assert.True(PalSignals.IsHandled(2));
        PalSignals.DisablePosixSignalHandling(2);

        foreach (int refused in new[] { 0, 9, 19, 65, -1 })
        {
            PalErrors.SetErrNo(0);
            Assert.Equal(0, PalSignals.EnablePosixSignalHandling(refused));
            Assert.Equal((int)LinuxErrno.EINVAL, PalErrors.GetErrNo());
            Assert.False(PalSignals.IsHandled(refused));
        }
    }
}
