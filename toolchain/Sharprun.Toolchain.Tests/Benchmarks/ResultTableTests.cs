using System;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class ResultTableTests
{
    private static string[] Lines(string text) => text.TrimEnd().Split('\n', StringSplitOptions.None);

    [Fact]
    public void RowsShowBothFiguresTheRatioAndTheVerdict()
    {
        var results = new[]
        {
            new BenchmarkResult("size", "hello stripped", Quantity.Bytes(1_048_576), "NativeAOT", Quantity.Bytes(2_097_152), 1.0),
            new BenchmarkResult("boot", "first line", Quantity.Seconds(0.3), "floor", Quantity.Seconds(0.1), 2.0),
            new BenchmarkResult("boot", "first line", Quantity.Seconds(0.3), "Linux", Quantity.Seconds(12.24), null),
        };
        var lines = Lines(ResultTable.Format(results, []));
        Assert.Equal("| Section | Measurement | Sharprun | Reference | Ratio | Target |", lines[0]);
        Assert.Equal("|---|---|--:|---|--:|---|", lines[1]);
        Assert.Equal("| size | hello stripped | 1.00 MiB (1,048,576 B) | NativeAOT: 2.00 MiB (2,097,152 B) | 0.50× | ≤ 1×: met |", lines[2]);
        Assert.Equal("| boot | first line | 0.300 s | floor: 0.100 s | 3.00× | ≤ 2×: missed |", lines[3]);
        Assert.Equal("| boot | first line | 0.300 s | Linux: 12.2 s | 0.02× | — |", lines[4]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void PipesAndLineBreaksCannotBreakTheTable()
    {
        var results = new[] { new BenchmarkResult("a|b", "x\ny", Quantity.Seconds(1), "r|s", Quantity.Seconds(1), 1.5) };
        string row = Lines(ResultTable.Format(results, []))[2];
        Assert.Equal("| a\\|b | x y | 1.000 s | r\\|s: 1.000 s | 1.00× | ≤ 1.5×: met |", row);
    }

    [Fact]
    public void NotesFollowTheTableAsABulletList()
    {
        var lines = Lines(ResultTable.Format([], ["boot: skipped: qemu-system-x86_64 was not found", "two\nlines"]));
        Assert.Equal("| — | no section was measured | | | | |", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal("- boot: skipped: qemu-system-x86_64 was not found", lines[4]);
        Assert.Equal("- two lines", lines[5]);
    }

    [Fact]
    public void ZeroReferenceGivesNoRatio()
    {
        var results = new[] { new BenchmarkResult("s", "m", Quantity.Seconds(1), "r", Quantity.Seconds(0), null) };
        Assert.Contains("| n/a |", ResultTable.Format(results, []));
    }

    [Theory]
    [InlineData(0.0123, "0.012 s")]
    [InlineData(9.9994, "9.999 s")]
    [InlineData(41.24, "41.2 s")]
    public void SecondsAreFormattedForTheirMagnitude(double seconds, string expected) =>
        Assert.Equal(expected, Quantity.Seconds(seconds).Format());

    [Theory]
    [InlineData(1.316, "1.32 ms")]
    [InlineData(1215.874, "1215.87 ms")]
    public void MillisecondsKeepTwoDecimals(double milliseconds, string expected) =>
        Assert.Equal(expected, Quantity.Milliseconds(milliseconds).Format());
}
