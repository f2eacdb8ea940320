using System;
using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// <c>run -m</c> takes any whole MiB QEMU takes; a guest given too little says so and ends with the guest-failure code
/// (125): <c>run</c> itself when the image does not fit, the kernel when the runtime would have no room to start.
/// </summary>
public sealed class SmallMemoryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static SharprunProcess.Result Boot(int memoryMiB) =>
        SharprunProcess.Run(Limit, "run", GuestImages.Get("environment"), "--timeout", "120", "--memory", memoryMiB.ToString());

    // The environment image occupies guest memory up to about 3.3 MiB; at -m 4 the runtime has about 560 KiB beside it.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AnImageThatDoesNotFitIsNotBooted(int memoryMiB)
    {
        var result = Boot(memoryMiB);
        Assert.True(result.ExitCode == 125, result.ToString());
        Assert.Contains($"-m {memoryMiB} is too small", result.Error);
        Assert.Contains("the image alone occupies guest memory up to", result.Error);
    }

    [Fact]
    public void TooLittleRoomForTheRuntimeIsAKernelPanicSayingWhatIsNeeded()
    {
        var result = Boot(4);
        Assert.True(result.ExitCode == 125, result.ToString());
        Assert.Matches(@"panic: 4 MiB of RAM is too small: the image needs at least \d+ MiB", result.Error);
    }

    [Fact]
    public void EnoughMemoryBoots()
    {
        var result = Boot(16);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pid: 1", result.Output);
    }
}
