using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class DiskFiguresTests
{
    private static readonly DiskWorkload Workload = new(FileMiB: 256, RandomReads: 2000, RandomWrites: 1000, Fsyncs: 4, SmallFiles: 500);

    private static readonly string[] Write = ["sequential write: 84.2 MB/s", "bench: seq-write-seconds 3.187"];
    private static readonly string[] Read = ["bench: seq-read-seconds 1.600"];

    private static readonly string[] Random =
    [
        "bench: random-read-count 2000.000",
        "bench: random-read-seconds 4.000",
        "bench: random-write-count 500.000",
        "bench: random-write-seconds 2.000",
        "bench: fsync-us 900.000",
        "bench: fsync-us 1100.500",
        "bench: fsync-us 1000.000",
        "bench: fsync-us 5000.000",
        "bench: small-file-count 500.000",
        "bench: small-file-seconds 1.250",
    ];

    private static GuestProgramRun RunOf(IEnumerable<string> lines) =>
        new("guest", lines.Select(l => new TimedLine(l, TimeSpan.Zero)).ToList(), []);

    private static DiskFigures Of(IEnumerable<string> random) => DiskFigures.Of(RunOf(Write), RunOf(Read), RunOf(random), Workload);

    [Fact]
    public void ReadsTheThreePhasesAmongConsoleNoise()
    {
        var figures = DiskFigures.Of(
            RunOf(["[    1.02] virtio_blk virtio0: [vda] 1048576 512-byte logical blocks", .. Write]),
            RunOf(["/dev/vda /data ext2 rw,relatime 0 0", .. Read, "sharprun-bench: program exited with 0"]),
            RunOf(Random), Workload);
        Assert.Equal(3.187, figures.SequentialWriteSeconds);
        Assert.Equal(1.6, figures.SequentialReadSeconds);
        Assert.Equal(2000.0, figures.RandomReadMicroseconds);
        // The program stopped the writes early at its time budget: the rate is of what it did.
        Assert.Equal(4000.0, figures.RandomWriteMicroseconds);
        Assert.Equal(2500.0, figures.SmallFileMicroseconds);
        Assert.Equal([900.0, 1100.5, 1000.0, 5000.0], figures.FsyncMicroseconds);
        Assert.Equal(1050.25, figures.FsyncMedianMicroseconds);
        Assert.Equal(5000.0, figures.FsyncP99Microseconds);
    }

    [Theory]
    [InlineData("bench: random-read-count 0.000")]
    [InlineData("bench: random-read-count 2001.000")]
    [InlineData("bench: random-read-count 12.500")]
    public void RefusesACountOfNothingMoreThanAskedOrAFraction(string count)
    {
        var error = Assert.Throws<ToolchainException>(() => Of([.. Random.Where(l => !l.Contains("random-read-count", StringComparison.Ordinal)), count]));
        Assert.Contains("'random-read-count'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench: fsync-us 0.000")]
    [InlineData("bench: fsync-us 999999999999")]
    public void RefusesAnFsyncLatencyOutOfRange(string line)
    {
        var error = Assert.Throws<ToolchainException>(() => Of([.. Random, line]));
        Assert.Contains("'fsync-us'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesNoFsyncsOrMoreThanAsked()
    {
        Assert.Throws<ToolchainException>(() => Of(Random.Where(l => !l.Contains("fsync", StringComparison.Ordinal))));
        Assert.Throws<ToolchainException>(() => Of([.. Random, "bench: fsync-us 1.000"]));
    }

    [Fact]
    public void RefusesAMissingRepeatedOrZeroSecondsFigure()
    {
        Assert.Throws<ToolchainException>(() => DiskFigures.Of(RunOf([]), RunOf(Read), RunOf(Random), Workload));
        Assert.Throws<ToolchainException>(() => DiskFigures.Of(RunOf(Write), RunOf([.. Read, .. Read]), RunOf(Random), Workload));
        var zero = Assert.Throws<ToolchainException>(() => DiskFigures.Of(RunOf(Write), RunOf(["bench: seq-read-seconds 0.000"]), RunOf(Random), Workload));
        Assert.Contains("'seq-read-seconds'", zero.Message, StringComparison.Ordinal);
        Assert.Throws<ToolchainException>(() => Of(Random.Where(l => !l.Contains("small-file-seconds", StringComparison.Ordinal))));
    }

    [Fact]
    public void RefusesAMalformedFigure() =>
        Assert.Contains("malformed", Assert.Throws<ToolchainException>(() => Of([.. Random, "bench: fsync-us 1e3"])).Message, StringComparison.Ordinal);

    [Fact]
    public void EachPhaseGetsItsOwnArguments()
    {
        Assert.Equal(["write", "/data", "256"], Workload.Arguments(DiskWorkload.WritePhase, "/data"));
        Assert.Equal(["read", "/data", "256"], Workload.Arguments(DiskWorkload.ReadPhase, "/data"));
        Assert.Equal(["random", "/data", "256", "2000", "1000", "4", "500"], Workload.Arguments(DiskWorkload.RandomPhase, "/data"));
        Assert.Throws<ArgumentException>(() => Workload.Arguments("erase", "/data"));
    }
}
