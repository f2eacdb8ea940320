using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class ProgramFiguresTests
{
    [Fact]
    public void ReadsFiguresAmongOtherLines()
    {
        var figures = ProgramFigures.Parse(
        [
            "[    0.512345] random: crng init done",
            "bench: trees-depth 16",
            "stretch tree of depth 17\t check: 262143",
            "bench: trees-ms 1234.500",
            "bench: pause-ms 1.25",
            "bench: pause-ms 0.5",
            "benchmark: not a figure 12",
        ], "guest");
        Assert.Equal(16, figures.Single("trees-depth"));
        Assert.Equal(1234.5, figures.Single("trees-ms"));
        Assert.Equal([1.25, 0.5], figures.All("pause-ms"));
        Assert.Empty(figures.All("missing"));
        Assert.True(figures.Has("trees-ms"));
        Assert.False(figures.Has("pause"));
        Assert.Equal(3, figures.LineOf("trees-ms"));
        Assert.Equal(16, figures.Whole("trees-depth", 0, 64));
    }

    [Theory]
    [InlineData("bench: trees-ms")]
    [InlineData("bench: trees-ms ")]
    [InlineData("bench:  trees-ms 1")]
    [InlineData("bench: trees-ms 1 ms")]
    [InlineData("bench: trees-ms -1")]
    [InlineData("bench: trees-ms +1")]
    [InlineData("bench: trees-ms 1e9")]
    [InlineData("bench: trees-ms 1,000")]
    [InlineData("bench: trees-ms 1.")]
    [InlineData("bench: trees-ms .5")]
    [InlineData("bench: trees-ms 1.2.3")]
    [InlineData("bench: trees-ms NaN")]
    [InlineData("bench: trees-ms Infinity")]
    [InlineData("bench: trees-ms ١٢")]
    [InlineData("bench: trees-ms 1234567890123456789012345678901")]
    [InlineData("bench: Trees-ms 1")]
    [InlineData("bench: 9trees 1")]
    [InlineData("bench: -trees 1")]
    [InlineData("bench: trees_ms 1")]
    [InlineData("bench: trees\u0007ms 1")]
    [InlineData("bench: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1")]
    [InlineData("bench: ")]
    [InlineData("bench: trees-ms 1\r")]
    public void RejectsMalformedFigureLines(string line)
    {
        var error = Assert.Throws<ToolchainException>(() => ProgramFigures.Parse(["fine", line], "the guest"));
        Assert.Contains("the guest", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.DoesNotContain("\u0007", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFigureExpectedOnceMustAppearExactlyOnce()
    {
        var figures = ProgramFigures.Parse(["bench: a 1", "bench: a 2"], "guest");
        Assert.Throws<ToolchainException>(() => figures.Single("a"));
        Assert.Throws<ToolchainException>(() => figures.Single("b"));
        Assert.Throws<ToolchainException>(() => figures.LineOf("b"));
    }

    [Theory]
    [InlineData("bench: n 1.5")]
    [InlineData("bench: n 65")]
    [InlineData("bench: n 99999999999999999999")]
    public void WholeNumbersMustBeWholeAndInRange(string line) =>
        Assert.Throws<ToolchainException>(() => ProgramFigures.Parse([line], "guest").Whole("n", 0, 64));
}
