using System;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Something a benchmark section needs is missing (QEMU, apt-get, the network, a C linker for NativeAOT). The
/// section is skipped with this message in the table's notes; the other sections still run.
/// </summary>
public sealed class BenchmarkPrerequisiteException : Exception
{
    public BenchmarkPrerequisiteException(string message) : base(message) { }
}
