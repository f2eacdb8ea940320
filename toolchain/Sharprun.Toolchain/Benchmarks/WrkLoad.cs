using System;
using System.Globalization;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Runs wrk (one thread, a fixed number of keep-alive connections, a fixed duration, --latency) against a URL on this host.</summary>
public sealed class WrkLoad
{
    public const string InstallHint = "apt-get install wrk";

    private readonly string _wrk;

    private WrkLoad(string wrk) => _wrk = wrk;

    public static WrkLoad Locate() => new(HostExecutable.Locate("wrk", InstallHint));

    public WrkReport Run(int port, int connections, TimeSpan duration, string source)
    {
        string url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        var result = ToolProcess.Run(_wrk,
            ["-t1", "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d" + ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "--latency", url],
            Environment.CurrentDirectory, echo: null);
        if (result.ExitCode != 0)
            throw new ToolchainException($"wrk against {source} exited with {result.ExitCode}: {PrintableText.Tail(result.Output.Trim(), 300)}");
        return WrkReport.Parse(result.Output, source);
    }
}
