using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// zlib-ng and Brotli linked from the runtime pack's archives: the guest compresses exactly as the NativeAOT
/// linux-x64 build does (same sizes, same bytes), and its output is readable by Linux's gzip and the host's Brotli.
/// </summary>
public sealed class CompressionTests
{
    [Theory]
    [OnEachPlatform("compression", new string[0])]
    [OnEachPlatform("compression", new[] { "interop" })]
    public async Task GuestCompressesLikeNativeAotOnTheHost(Platform platform, string image, string[] arguments)
    {
        var guest = await GuestRuns.BootAsync(platform, image, arguments);
        var host = NativeAotReference.Run(image, arguments);
        // A guest that ended early is reported with what its platform saw (on Xen: the domain's state and kernel log).
        Assert.True(host.ExitCode == guest.ExitCode, $"exit {guest.ExitCode}, the host's build exits {host.ExitCode}\n{guest}");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.DoesNotContain("MISMATCH", guest.Output);
    }

    [Theory]
    [OnEachPlatform("compression", new[] { "interop" })]
    public async Task LinuxReadsWhatTheGuestCompressed(Platform platform, string image, string[] arguments)
    {
        var guest = await GuestRuns.BootAsync(platform, image, arguments);
        Assert.Equal(0, guest.ExitCode);
        string[] lines = guest.Output.Split('\n');
        Assert.Contains("Sharprun interop: this text was compressed by Linux gzip -9 -n on the host.", lines);

        string expected = string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}: the quick brown fox jumps over the lazy dog {i * i}\n"));
        Assert.Equal(expected, GunzipWithLinuxGzip(Base64After(lines, "gzip base64: ")));

        byte[] brotli = Base64After(lines, "brotli base64: ");
        byte[] restored = new byte[expected.Length * 2];
        Assert.True(BrotliDecoder.TryDecompress(brotli, restored, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(restored, 0, written));
    }

    private static byte[] Base64After(string[] lines, string prefix) =>
        Convert.FromBase64String(Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..]);

    private static string GunzipWithLinuxGzip(byte[] compressed)
    {
        var start = new ProcessStartInfo("gzip", "-d -c") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var gzip = Process.Start(start)!;
        var output = gzip.StandardOutput.ReadToEndAsync();
        var error = gzip.StandardError.ReadToEndAsync();
        gzip.StandardInput.BaseStream.Write(compressed);
        gzip.StandardInput.Close();
        gzip.WaitForExit();
        Assert.True(gzip.ExitCode == 0, $"gzip -d failed: {error.Result}");
        return output.Result;
    }
}
