using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Whole programs run in the guest print exactly what their NativeAOT linux-x64 build prints on
/// the host, on both streams, and end with the same exit code.
/// </summary>
public sealed class ProgramEquivalenceTests
{
    [Theory]
    [InlineData("features", new[] { "x y", "z" })]
    [InlineData("features", new string[0])]
    [InlineData("exceptions", new string[0])]
    public void GuestMatchesNativeAotOnTheHost(string image, string[] arguments)
    {
        var guest = GuestImages.Boot(image, arguments);
        var host = NativeAotReference.Run(image, arguments);
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.Equal(host.ExitCode, guest.ExitCode);
    }
}
