using System.Diagnostics;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>curl as the HTTP client: a real peer that is not .NET. Fails the test when curl does.</summary>
internal static class Curl
{
    /// <summary>What a server answered: the status code and the body.</summary>
    public sealed record Answer(int Status, string Body)
    {
        public override string ToString() => $"{Status} {Body}";
    }

    /// <summary>A GET, or a POST of <paramref name="json"/> as application/json; any status is an answer.</summary>
    public static Answer Send(string url, string? json = null)
    {
        List<string> arguments = ["--silent", "--show-error", "--max-time", "120", "--write-out", "\n%{http_code}"];
        if (json is not null)
            arguments.AddRange(["--header", "Content-Type: application/json", "--data-binary", json]);
        arguments.Add(url);
        var start = new ProcessStartInfo("curl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var curl = Process.Start(start)!;
        string output = curl.StandardOutput.ReadToEnd();
        string error = curl.StandardError.ReadToEnd();
        curl.WaitForExit();
        Assert.True(curl.ExitCode == 0, $"curl {url} failed ({curl.ExitCode}): {error}");
        int split = output.LastIndexOf('\n');
        return new Answer(int.Parse(output[(split + 1)..]), output[..split]);
    }

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
