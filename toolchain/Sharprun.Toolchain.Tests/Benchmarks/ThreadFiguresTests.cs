using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class ThreadFiguresTests
{
    private static readonly string[] Complete =
    [
        "bench: create-join-us 812.500",
        "bench: handoff-us 95.125",
        "bench: delay-median-ms 2.031",
        "bench: task-run-us 140.000",
    ];

    private static GuestProgramRun RunOf(IEnumerable<string> lines) =>
        new("guest", lines.Select(l => new TimedLine(l, TimeSpan.Zero)).ToList(), []);

    [Fact]
    public void ReadsTheFourFiguresAmongConsoleNoise()
    {
        var figures = ThreadFigures.Of(RunOf(["[    0.61] Run /init as init process", .. Complete, "sharprun-exit: 0"]));
        Assert.Equal(new ThreadFigures(812.5, 95.125, 2.031, 140), figures);
    }

    [Theory]
    [InlineData("bench: handoff-us")]
    [InlineData("bench: handoff-us -3")]
    [InlineData("bench: handoff-us 3e2")]
    [InlineData("bench: handoff-us NaN")]
    [InlineData("bench: handoff-us 1,5")]
    [InlineData("bench: Handoff-us 3")]
    [InlineData("bench: handoff-us 3 µs")]
    [InlineData("bench: handoff-us \u0000\u001b[2J")]
    public void RejectsAMalformedLine(string malformed)
    {
        string[] lines = [.. Complete.Where(l => !l.Contains("handoff", StringComparison.Ordinal)), malformed];
        var error = Assert.Throws<ToolchainException>(() => ThreadFigures.Of(RunOf(lines)));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench: handoff-us 0")]
    [InlineData("bench: handoff-us 0.000")]
    [InlineData("bench: handoff-us 99999999999")]
    public void RejectsAFigureOutOfRange(string line)
    {
        string[] lines = [.. Complete.Where(l => !l.Contains("handoff", StringComparison.Ordinal)), line];
        var error = Assert.Throws<ToolchainException>(() => ThreadFigures.Of(RunOf(lines)));
        Assert.Contains("'handoff-us'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMissingOrRepeatedFigure()
    {
        Assert.Throws<ToolchainException>(() => ThreadFigures.Of(RunOf(Complete.Take(3))));
        Assert.Throws<ToolchainException>(() => ThreadFigures.Of(RunOf([.. Complete, Complete[0]])));
    }
}
