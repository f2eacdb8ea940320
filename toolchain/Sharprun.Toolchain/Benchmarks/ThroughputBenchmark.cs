using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Cryptography and compression throughput under QEMU TCG. One program, Benchmarks/Programs/throughput, runs in
/// Sharprun's image and, published with NativeAOT for linux-x64, in the Linux guest (same memory, one CPU): SHA-256
/// and AES-GCM over a buffer, gzip compression and decompression of log-like text, each timed by the guest's own
/// Stopwatch. The rows compare seconds for the same work, so a ratio at most 1 is at least the Linux guest's speed.
/// </summary>
public static class ThroughputBenchmark
{
    public const int BufferMiB = 16;
    public const int GuestMemoryMiB = 512;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    /// <summary>What NativeAOT's cryptography dlopens on Linux: the host's OpenSSL 3, AES-NI and all.</summary>
    private static readonly string[] OpenSsl = ["/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3"];

    private static readonly (string Figure, string Measurement)[] Rows =
    [
        ("sha256-seconds", $"SHA-256 of {BufferMiB} MiB"),
        ("aes-gcm-seconds", $"AES-256-GCM encryption of {BufferMiB} MiB"),
        ("gzip-compress-seconds", $"gzip compression (Optimal) of {BufferMiB} MiB of log-like text"),
        ("gzip-decompress-seconds", $"gzip decompression of the same"),
    ];

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var program = ComparedProgram.Prepare(workspace, Path.Combine(workspace.Layout.Root, "toolchain", "Sharprun.Toolchain", "Benchmarks", "Programs", "throughput"));
        string[] arguments = [Text(BufferMiB)];
        var ours = program.Ours(GuestMemoryMiB, RunTimeout);
        var missing = OpenSsl.FirstOrDefault(library => !File.Exists(library));
        if (missing is not null)
            throw new BenchmarkPrerequisiteException($"{missing} is missing: the Linux guest's NativeAOT cryptography needs the host's OpenSSL 3 (apt-get install libssl3)");
        var linux = program.InLinux("linux-throughput", arguments, GuestMemoryMiB, RunTimeout, OpenSsl);
        var timer = new BootTimer(qemu);

        var rounds = workspace.Rounds("throughput", () =>
            (Ours: Figures(ours.Run(arguments, [])), Theirs: Figures(GuestProgramRun.InLinux(timer, linux))));

        string referenceName = $"NativeAOT linux-x64 in {linux.Name}";
        notes.Add($"throughput: program toolchain/Sharprun.Toolchain/Benchmarks/Programs/throughput '{string.Join(' ', arguments)}', both guests with -m {GuestMemoryMiB} and one CPU, " +
                  "seconds on each guest's own clock (Stopwatch). Per run, Sharprun / Linux: " +
                  string.Join("; ", Rows.Select((row, i) => $"{row.Figure} {Runs(rounds.Select(r => r.Ours), f => f[i], "0.000")} / {Runs(rounds.Select(r => r.Theirs), f => f[i], "0.000")}")));

        return Rows.Select((row, i) => new BenchmarkResult("throughput", row.Measurement,
            Quantity.Seconds(Median.Of(rounds.Select(r => r.Ours[i]))), referenceName,
            Quantity.Seconds(Median.Of(rounds.Select(r => r.Theirs[i]))), 1.0)).ToList();
    }

    /// <summary>The four figures in <see cref="Rows"/> order; a figure of zero or over ten minutes means the run did not do the work.</summary>
    private static double[] Figures(GuestProgramRun run) => Rows.Select(row =>
    {
        double value = run.Figures.Single(row.Figure);
        if (value <= 0 || value > 600)
            throw new ToolchainException(string.Create(CultureInfo.InvariantCulture, $"{run.Source} printed '{row.Figure}' as {value} s"));
        return value;
    }).ToArray();
}
