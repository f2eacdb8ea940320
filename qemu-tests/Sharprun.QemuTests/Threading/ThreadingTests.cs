using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Threading;

/// <summary>
/// System.Threading in the guest (one CPU, preemptive scheduler): the threads program prints what the host's
/// NativeAOT build prints; a spinning thread starves nobody; a thousand threads come and go; four threads allocate
/// at once under heap verification; an exception on another thread ends the program with its report.
/// </summary>
public sealed class ThreadingTests
{
    [Theory]
    [OnEachPlatform]
    public async Task ThreadsProgramMatchesTheHost(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "threads", "all");
        var host = NativeAotReference.Run("threads", "all");
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
    }

    [Theory]
    [OnEachPlatform]
    public async Task ASpinningThreadDoesNotStopATimerOrAnotherThread(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "threads", "spin");
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Contains("spin: the other thread counted 50, the timer ticked: True, processors: 1", guest.Output);
    }

    [Theory]
    [OnEachPlatform]
    public async Task AThousandThreadsAreCreatedAndJoined(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "threads", "thousand");
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Contains("thousand: 1000 created, 1000 ran, all joined", guest.Output);
    }

    [Theory]
    [OnEachPlatform]
    public async Task FourThreadsAllocatingAtOnceUnderHeapVerificationMatchTheHost(Platform platform)
    {
        var guest = await GuestRuns.RunAsync(platform, new GuestCase("threads", "allocating") { KernelOptions = [KernelOption.GcVerify] });
        var host = NativeAotReference.Run("threads", "allocating");
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Equal(host.Output, guest.Output);
        Assert.DoesNotContain("panic", guest.Error);
    }

    [Theory]
    [OnEachPlatform]
    public async Task AnUnhandledExceptionOnAnotherThreadEndsTheProgramWithItsReport(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "threads", "unhandled");
        var host = NativeAotReference.Run("threads", "unhandled");
        Assert.Equal(host.ExitCode, guest.ExitCode);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: thrown on another thread", guest.Error);
        Assert.DoesNotContain("not reached", guest.Output);
    }
}
