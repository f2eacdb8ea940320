using System;
using System.Collections.Generic;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>One boot: from QEMU's process start to the marker line on COM1, and to QEMU's exit; COM1's lines with their arrival times.</summary>
public sealed record BootTiming(TimeSpan ToMarker, TimeSpan ToExit, IReadOnlyList<TimedLine> Lines);
