using System;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>One boot: from QEMU's process start to the marker line on COM1, and to QEMU's exit.</summary>
public sealed record BootTiming(TimeSpan ToMarker, TimeSpan ToExit);
