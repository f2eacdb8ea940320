using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Whole programs run in the guest print exactly what their NativeAOT linux-x64 build prints on
/// the host, on both streams, and end with the same exit code.
/// </summary>
public sealed class ProgramEquivalenceTests
{
    [Theory]
    [OnEachPlatform("features", new[] { "x y", "z" })]
    [OnEachPlatform("features", new string[0])]
    [OnEachPlatform("exceptions", new string[0])]
    [OnEachPlatform("bcl", new string[0])]
    [OnEachPlatform("crypto", new string[0])]
    [OnEachPlatform("sockets", new string[0])]
    public async Task GuestMatchesNativeAotOnTheHost(Platform platform, string image, string[] arguments)
    {
        var guest = await GuestRuns.BootAsync(platform, image, arguments);
        var host = NativeAotReference.Run(image, arguments);
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.Equal(host.ExitCode, guest.ExitCode);
    }
}
