using System.Collections.Generic;
using System.Globalization;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// What the disk benchmark program printed in its three boots (<see cref="DiskWorkload"/>), on the guest's own clock:
/// seconds for the sequential write and read, time per operation for the random reads and writes and the small files
/// (the program reports how many it did and how long they took), and every fsync'ed append's latency. A figure that
/// is zero or absurd, or a count above what was asked, means the run did not do the work and is an error.
/// </summary>
public sealed record DiskFigures(
    double SequentialWriteSeconds,
    double SequentialReadSeconds,
    double RandomReadMicroseconds,
    double RandomWriteMicroseconds,
    double SmallFileMicroseconds,
    IReadOnlyList<double> FsyncMicroseconds)
{
    /// <summary>Ten minutes: longer than any phase may take (the guests' timeout), in the units of the figures.</summary>
    private const double MaxSeconds = 600;
    private const double MaxMicroseconds = MaxSeconds * 1e6;

    public double FsyncMedianMicroseconds => Median.Of(FsyncMicroseconds);

    public double FsyncP99Microseconds => Percentile.Of(FsyncMicroseconds, 0.99);

    /// <summary>Reads the figures of the write, read and random boots of one guest.</summary>
    public static DiskFigures Of(GuestProgramRun write, GuestProgramRun read, GuestProgramRun random, DiskWorkload workload)
    {
        var fsyncs = random.Figures.All("fsync-us");
        if (fsyncs.Count == 0 || fsyncs.Count > workload.Fsyncs)
            throw new ToolchainException($"{random.Source} printed {fsyncs.Count} 'fsync-us' figures, expected 1 to {workload.Fsyncs}");
        foreach (double fsync in fsyncs)
        {
            if (fsync <= 0 || fsync > MaxMicroseconds)
                throw new ToolchainException(string.Create(CultureInfo.InvariantCulture, $"{random.Source} printed 'fsync-us' as {fsync}, expected more than 0 and at most {MaxMicroseconds}"));
        }
        return new DiskFigures(
            Seconds(write, "seq-write-seconds"),
            Seconds(read, "seq-read-seconds"),
            PerOperation(random, "random-read", workload.RandomReads),
            PerOperation(random, "random-write", workload.RandomWrites),
            PerOperation(random, "small-file", workload.SmallFiles),
            fsyncs);
    }

    /// <summary>Microseconds per operation from the <c>NAME-count</c> and <c>NAME-seconds</c> figures.</summary>
    private static double PerOperation(GuestProgramRun run, string name, int asked)
    {
        long count = run.Figures.Whole(name + "-count", 1, asked);
        return Seconds(run, name + "-seconds") * 1e6 / count;
    }

    private static double Seconds(GuestProgramRun run, string name)
    {
        double value = run.Figures.Single(name);
        if (value <= 0 || value > MaxSeconds)
            throw new ToolchainException(string.Create(CultureInfo.InvariantCulture, $"{run.Source} printed '{name}' as {value}, expected more than 0 and at most {MaxSeconds}"));
        return value;
    }
}
