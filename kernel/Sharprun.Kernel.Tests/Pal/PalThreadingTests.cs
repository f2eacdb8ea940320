using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>Monitor state transitions, on a monitor that lives on the stack (creating one needs the kernel heap).</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalThreadingTests
{
    [Fact]
    public void AcquireAndReleaseTrackOwnership()
    {
        LowLevelMonitor monitor = default;
        PalThreading.LowLevelMonitor_Acquire(&monitor);
        Assert.True(monitor.IsHeld);
        PalThreading.LowLevelMonitor_Release(&monitor);
        Assert.False(monitor.IsHeld);
    }

    [Fact]
    public void TimedWaitTimesOutAndKeepsTheMonitor()
    {
        LowLevelMonitor monitor = default;
        PalThreading.LowLevelMonitor_Acquire(&monitor);
        Assert.Equal(0, PalThreading.LowLevelMonitor_TimedWait(&monitor, 0));
        Assert.Equal(0, PalThreading.LowLevelMonitor_TimedWait(&monitor, -5));
        Assert.True(monitor.IsHeld);
        PalThreading.LowLevelMonitor_Signal_Release(&monitor);
        Assert.False(monitor.IsHeld);
    }

    [Fact]
    public void DestroyingNullDoesNothing() => PalThreading.LowLevelMonitor_Destroy(null);

    [Fact]
    public void TheOnlyCpuIsZero() => Assert.Equal(0, PalThreading.SchedGetCpu());
}
