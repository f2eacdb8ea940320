using System;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>A line a guest printed, without its line ending, and when its newline reached the host.</summary>
public sealed record TimedLine(string Text, TimeSpan At);
