using System.Diagnostics;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>curl as the HTTP client: a real peer that is not .NET. Fails the test when curl does.</summary>
internal static class Curl
{
    public static string Get(string url)
    {
        var start = new ProcessStartInfo("curl", ["--silent", "--show-error", "--fail", "--max-time", "120", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var curl = Process.Start(start)!;
        string output = curl.StandardOutput.ReadToEnd();
        string error = curl.StandardError.ReadToEnd();
        curl.WaitForExit();
        Assert.True(curl.ExitCode == 0, $"curl {url} failed ({curl.ExitCode}): {error}");
        return output;
    }
}
