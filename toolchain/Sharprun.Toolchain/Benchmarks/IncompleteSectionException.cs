using System;
using System.Collections.Generic;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A section measured some of its rows but not all (e.g. the reference but not Sharprun's image): the rows it has
/// still go into the table, the message into the notes, and the benchmark counts as incomplete.
/// </summary>
public sealed class IncompleteSectionException : Exception
{
    public IncompleteSectionException(string message, IReadOnlyList<BenchmarkResult> results) : base(message) => Results = results;

    public IReadOnlyList<BenchmarkResult> Results { get; }
}
