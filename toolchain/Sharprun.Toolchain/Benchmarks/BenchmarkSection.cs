namespace Sharprun.Toolchain.Benchmarks;

/// <summary>The parts of the benchmark, selectable with <c>--only</c>; named in lower case on the command line.</summary>
public enum BenchmarkSection
{
    Size,
    Boot,
    Build,
    Memory,
    Gc,
    Threads,
    Throughput,
    Net,
    Disk,
    Xen,
}
