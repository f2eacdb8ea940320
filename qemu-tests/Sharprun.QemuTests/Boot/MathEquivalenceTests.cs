using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// The kernel's C math library (Math, MathF, double and float %) prints the same digits in the guest
/// as glibc's does under the NativeAOT build of the same program on the host.
/// </summary>
public sealed class MathEquivalenceTests
{
    [Theory]
    [OnEachPlatform]
    public async Task GuestMathMatchesNativeAotOnTheHost(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "math");
        var host = NativeAotReference.Run("math");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.Equal(host.ExitCode, guest.ExitCode);
    }
}
