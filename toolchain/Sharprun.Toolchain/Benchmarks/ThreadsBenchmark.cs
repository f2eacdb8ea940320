using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Threading costs under QEMU TCG. One program, Benchmarks/Programs/threads, runs in two guests with the same memory
/// and one CPU each: Sharprun's image, and the program published with NativeAOT for linux-x64 inside the Linux guest.
/// It times itself (Stopwatch) and prints four figures: thread create+join, a Monitor.Wait/Pulse hand-off between two
/// threads, the median latency of Task.Delay(1), and a Task.Run round trip. No targets: the issue asks for figures.
/// </summary>
public static class ThreadsBenchmark
{
    public const int Creates = 200;
    public const int Handoffs = 2000;
    /// <summary>Odd, so the median is one sample.</summary>
    public const int Delays = 21;
    public const int TaskRuns = 1000;
    public const int GuestMemoryMiB = 256;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var program = ComparedProgram.Prepare(workspace, Path.Combine(workspace.Layout.Root, "toolchain", "Sharprun.Toolchain", "Benchmarks", "Programs", "threads"));
        string[] arguments = [Text(Creates), Text(Handoffs), Text(Delays), Text(TaskRuns)];
        var ours = program.Ours(GuestMemoryMiB, RunTimeout);
        var linux = program.InLinux("linux-threads", arguments, GuestMemoryMiB, RunTimeout);
        var timer = new BootTimer(qemu);

        var rounds = workspace.Rounds("threads", () =>
            (Ours: ThreadFigures.Of(ours.Run(arguments, [])), Theirs: ThreadFigures.Of(GuestProgramRun.InLinux(timer, linux))));
        var ourRuns = rounds.Select(r => r.Ours).ToList();
        var theirRuns = rounds.Select(r => r.Theirs).ToList();

        string referenceName = $"NativeAOT linux-x64 in {linux.Name}";
        notes.Add($"threads: program toolchain/Sharprun.Toolchain/Benchmarks/Programs/threads '{string.Join(' ', arguments)}', both guests with -m {GuestMemoryMiB} and one CPU; " +
                  "the Sharprun image booted by the launcher of 'sharprun run', the Linux guest with the boot section's flags; figures on each guest's own clock (Stopwatch). " +
                  Invariant($"Per run, Sharprun / Linux: create+join {Runs(ourRuns, f => f.CreateJoinMicroseconds, "0.0")} / {Runs(theirRuns, f => f.CreateJoinMicroseconds, "0.0")} µs; ") +
                  Invariant($"hand-off {Runs(ourRuns, f => f.HandoffMicroseconds, "0.0")} / {Runs(theirRuns, f => f.HandoffMicroseconds, "0.0")} µs; ") +
                  Invariant($"Task.Delay(1) {Runs(ourRuns, f => f.DelayMilliseconds, "0.0")} / {Runs(theirRuns, f => f.DelayMilliseconds, "0.0")} ms; ") +
                  Invariant($"Task.Run {Runs(ourRuns, f => f.TaskRunMicroseconds, "0.0")} / {Runs(theirRuns, f => f.TaskRunMicroseconds, "0.0")} µs"));

        BenchmarkResult Row(string measurement, Func<ThreadFigures, double> figure, Func<double, Quantity> unit) =>
            new("threads", measurement, unit(Median.Of(ourRuns.Select(figure))), referenceName, unit(Median.Of(theirRuns.Select(figure))), null);
        return
        [
            Row($"thread create+join, per thread ({Creates} in turn)", f => f.CreateJoinMicroseconds, Quantity.Microseconds),
            Row($"lock hand-off between two threads, Monitor.Wait/Pulse ({Handoffs})", f => f.HandoffMicroseconds, Quantity.Microseconds),
            Row($"Task.Delay(1) latency, median of {Delays}", f => f.DelayMilliseconds, Quantity.Milliseconds),
            Row($"Task.Run round trip, trivial task waited for ({TaskRuns})", f => f.TaskRunMicroseconds, Quantity.Microseconds),
        ];
    }
}
