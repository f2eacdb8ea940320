using System;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

/// <summary>wrk 4.1.0's output, captured on this host (Debian bookworm's wrk) against the benchmark servers and others.</summary>
public sealed class WrkReportTests
{
    private const string RawHttp = """
        Running 2s test @ http://127.0.0.1:8080/
          1 threads and 10 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   547.77us    1.56ms  24.45ms   94.05%
            Req/Sec    45.28k    17.45k   62.78k    80.00%
          Latency Distribution
             50%  122.00us
             75%  370.00us
             90%    1.30ms
             99%    5.60ms
          90468 requests in 2.02s, 8.89MB read
        Requests/sec:  44799.07
        Transfer/sec:      4.40MB

        """;

    private const string NotFound = """
        Running 2s test @ http://127.0.0.1:18111/nonexistent
          1 threads and 4 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     3.81ms    3.16ms  29.81ms   88.40%
            Req/Sec     1.17k   263.12     1.60k    75.00%
          Latency Distribution
             50%    2.77ms
             75%    4.67ms
             90%    7.14ms
             99%   16.97ms
          2340 requests in 2.00s, 1.16MB read
          Non-2xx or 3xx responses: 2340
        Requests/sec:   1169.12
        Transfer/sec:    593.79KB

        """;

    private const string Timeouts = """
        Running 3s test @ http://127.0.0.1:18114/
          1 threads and 200 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency   307.52ms  195.95ms 934.25ms   67.11%
            Req/Sec    78.17     33.92   140.00     58.62%
          Latency Distribution
             50%  276.92ms
             75%  453.71ms
             90%  571.41ms
             99%  870.10ms
          234 requests in 3.01s, 3.07MB read
          Socket errors: connect 0, read 0, write 0, timeout 6
        Requests/sec:     77.85
        Transfer/sec:      1.02MB

        """;

    [Fact]
    public void ReadsRatePercentilesInTheirUnitsAndCount()
    {
        var report = WrkReport.Parse(RawHttp, "guest");
        Assert.Equal(44799.07, report.RequestsPerSecond);
        Assert.Equal(0.122, report.P50Milliseconds, 9);
        Assert.Equal(5.6, report.P99Milliseconds, 9);
        Assert.Equal(90468, report.Requests);
        Assert.Equal(0, report.SocketErrors);
        Assert.Equal(0, report.Non2xxOr3xx);
        report.Check("guest", 0.01);
    }

    [Fact]
    public void AcceptsCrLfLineEndings() =>
        Assert.Equal(5.6, WrkReport.Parse(RawHttp.ReplaceLineEndings("\r\n"), "guest").P99Milliseconds, 9);

    [Fact]
    public void CountsAnswersThatWereNotSuccessesAndRefusesTheRun()
    {
        var report = WrkReport.Parse(NotFound, "guest");
        Assert.Equal(2340, report.Non2xxOr3xx);
        Assert.Equal(16.97, report.P99Milliseconds, 9);
        var error = Assert.Throws<ToolchainException>(() => report.Check("guest", 0.01));
        Assert.Contains("2340 of 2340 answers were not 2xx or 3xx", error.Message);
    }

    [Fact]
    public void CountsSocketErrorsAndToleratesOnlyAFew()
    {
        var report = WrkReport.Parse(Timeouts, "guest");
        Assert.Equal((0L, 0L, 0L, 6L), (report.ConnectErrors, report.ReadErrors, report.WriteErrors, report.Timeouts));
        Assert.Equal(870.10, report.P99Milliseconds, 9);
        report.Check("guest", 0.05);
        Assert.Throws<ToolchainException>(() => report.Check("guest", 0.01));
    }

    [Fact]
    public void ReadsSecondsAndMinutesOfLatency()
    {
        string slow = RawHttp.Replace("     50%  122.00us", "     50%    1.50s").Replace("     99%    5.60ms", "     99%    2.00m");
        var report = WrkReport.Parse(slow, "guest");
        Assert.Equal(1500, report.P50Milliseconds, 9);
        Assert.Equal(120_000, report.P99Milliseconds, 9);
    }

    [Fact]
    public void RefusesANoRequestRun()
    {
        string none = RawHttp.Replace("90468 requests in", "0 requests in").Replace("Requests/sec:  44799.07", "Requests/sec:      0.00");
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(none, "guest").Check("guest", 0.01));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unable to connect to 127.0.0.1:18112 Connection refused\n")]
    public void RefusesOutputWithoutAReport(string output) =>
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(output, "guest"));

    [Fact]
    public void RefusesTruncatedOutput()
    {
        // Cut where a killed wrk, or a lost pipe, would leave it: before the summary lines.
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(RawHttp[..RawHttp.IndexOf("Requests/sec", StringComparison.Ordinal)], "guest"));
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(RawHttp[..RawHttp.IndexOf("     99%", StringComparison.Ordinal)], "guest"));
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(RawHttp[..RawHttp.IndexOf("  Latency Distribution", StringComparison.Ordinal)], "guest"));
    }

    [Fact]
    public void RefusesARunWithoutLatencyDistribution()
    {
        string withoutLatency = RawHttp.Replace("     50%  122.00us\n", "").Replace("     99%    5.60ms\n", "");
        var error = Assert.Throws<ToolchainException>(() => WrkReport.Parse(withoutLatency, "guest"));
        Assert.Contains("--latency", error.Message);
    }

    [Theory]
    [InlineData("Requests/sec:  44799.07", "Requests/sec:  4.4e4")]
    [InlineData("Requests/sec:  44799.07", "Requests/sec:  -44799.07")]
    [InlineData("Requests/sec:  44799.07", "Requests/sec:  44799.07\nRequests/sec:  1.00")]
    [InlineData("     99%    5.60ms", "     99%    5.60ns")]
    [InlineData("     99%    5.60ms", "     99%    5.60ms\n     99%    0.10ms")]
    [InlineData("90468 requests in", "90,468 requests in")]
    [InlineData("90468 requests in", "99999999999999999999999 requests in")]
    public void RefusesGarbledFigures(string line, string garbled)
    {
        string output = RawHttp.Replace(line, garbled);
        Assert.NotEqual(RawHttp, output);
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(output, "guest"));
    }

    [Fact]
    public void RefusesAHugeOutputAndKeepsControlCharactersOutOfItsMessage()
    {
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(RawHttp + new string('x', 100_000), "guest"));
        var error = Assert.Throws<ToolchainException>(() => WrkReport.Parse("\u001b[2Jgarbage\0", "guest"));
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void RefusesSocketErrorsWithAGarbledCount()
    {
        string output = Timeouts.Replace("timeout 6", "timeout 6x");
        // The line no longer matches wrk's form, so it cannot hide errors: the report must not read as error-free.
        Assert.Throws<ToolchainException>(() => WrkReport.Parse(output, "guest"));
    }
}
