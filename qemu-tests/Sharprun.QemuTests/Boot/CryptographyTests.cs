using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// What the guest's cryptography does not offer, which Linux with OpenSSL does, so it is checked here rather than
/// against the host (the symmetric algorithms are compared with the host in <see cref="ProgramEquivalenceTests"/>):
/// asymmetric algorithms throw PlatformNotSupportedException, SHA-3 reports itself unsupported.
/// </summary>
public sealed class CryptographyTests
{
    [Theory]
    [OnEachPlatform]
    public async Task AsymmetricAlgorithmsAndSha3AreReportedUnsupported(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "crypto", "unsupported");
        Assert.Equal("RSA.Create: System.PlatformNotSupportedException\nSHA3_256.IsSupported: False\n", result.Output);
        Assert.Equal(0, result.ExitCode);
    }
}
