using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class GcTraceTests
{
    private const string Line7 = "gc: #7 allocation: heap 7200 KiB -> 6176 KiB (live 2076 KiB), pause 9430 us, 1 finalizers queued";

    [Fact]
    public void ReadsTheKernelsTraceLine()
    {
        var entry = GcTraceEntry.Parse(Line7);
        Assert.Equal(new GcTraceEntry(7, false, 7200, 6176, 2076, 9430, 1), entry);
        Assert.Equal(9.43, entry.PauseMilliseconds, 9);
        Assert.True(GcTraceEntry.Parse("gc: #1 requested: heap 0 KiB -> 0 KiB (live 0 KiB), pause 0 us, 0 finalizers queued").Requested);
        Assert.Equal(ulong.MaxValue, GcTraceEntry.Parse(
            "gc: #2 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 18446744073709551615 us, 0 finalizers queued").PauseMicroseconds);
    }

    [Theory]
    [InlineData("gc: #0 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #2147483648 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #-1 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #1 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 18446744073709551616 us, 0 finalizers queued")]
    [InlineData("gc: #1 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1.5 us, 0 finalizers queued")]
    [InlineData("gc: #1 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued extra")]
    [InlineData("gc: #1 allocation: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 ms, 0 finalizers queued")]
    [InlineData("gc: #1 sometimes: heap 1 KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #1 allocation: heap 1 KiB -> 1 KiB, pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #1 allocation: heap ١ KiB -> 1 KiB (live 1 KiB), pause 1 us, 0 finalizers queued")]
    [InlineData("gc: #")]
    [InlineData("gc: #1\u0000 allocation")]
    public void RejectsMalformedTraceLines(string line)
    {
        var error = Assert.Throws<ToolchainException>(() => GcTraceEntry.Parse(line));
        Assert.DoesNotContain("\u0000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATraceIgnoresOtherLinesAndSelectsARange()
    {
        var trace = GcTrace.Parse(
        [
            "gc: verification had no memory for its bitmaps",
            "app error output",
            Line7,
            Line7.Replace("#7", "#8"),
            Line7.Replace("#7", "#9"),
            "",
        ]);
        Assert.Equal([7, 8, 9], trace.Select(e => e.Number));
        Assert.Equal([8, 9], GcTrace.Between(trace, 7, 9).Select(e => e.Number));
        Assert.Empty(GcTrace.Between(trace, 9, 9));
    }

    [Fact]
    public void RejectsGapsAndRangesTheTraceDoesNotCover()
    {
        Assert.Throws<ToolchainException>(() => GcTrace.Parse([Line7, Line7.Replace("#7", "#9")]));
        Assert.Throws<ToolchainException>(() => GcTrace.Parse([Line7, Line7]));
        Assert.Throws<ToolchainException>(() => GcTrace.Parse([Line7, Line7.Replace("#7", "#6")]));
        var trace = GcTrace.Parse([Line7]);
        Assert.Throws<ToolchainException>(() => GcTrace.Between(trace, 6, 8));
        Assert.Throws<ToolchainException>(() => GcTrace.Between(trace, 7, 6));
        Assert.Throws<ToolchainException>(() => GcTrace.Between(trace, -1, 7));
    }
}
