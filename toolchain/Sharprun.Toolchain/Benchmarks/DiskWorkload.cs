using System;
using System.Collections.Generic;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// What the disk benchmark program (Benchmarks/Programs/diskbench) is asked to do, phase by phase, each phase in a boot
/// of its own: write a <see cref="FileMiB"/> file, read it back, then <see cref="RandomReads"/> 4 KiB reads and
/// <see cref="RandomWrites"/> 4 KiB writes inside it, <see cref="Fsyncs"/> durable 4 KiB appends to a log and
/// <see cref="SmallFiles"/> 1 KiB files created, stat'ed and deleted. The program stops a phase early when it runs
/// past its time budget and says how much it did.
/// </summary>
public sealed record DiskWorkload(int FileMiB, int RandomReads, int RandomWrites, int Fsyncs, int SmallFiles)
{
    public const string WritePhase = "write";
    public const string ReadPhase = "read";
    public const string RandomPhase = "random";

    public static readonly IReadOnlyList<string> Phases = [WritePhase, ReadPhase, RandomPhase];

    /// <summary>The program's arguments for <paramref name="phase"/> on the file system mounted at <paramref name="directory"/>.</summary>
    public string[] Arguments(string phase, string directory) => phase switch
    {
        RandomPhase => [phase, directory, Text(FileMiB), Text(RandomReads), Text(RandomWrites), Text(Fsyncs), Text(SmallFiles)],
        WritePhase or ReadPhase => [phase, directory, Text(FileMiB)],
        _ => throw new ArgumentException($"unknown phase '{phase}'", nameof(phase)),
    };
}
