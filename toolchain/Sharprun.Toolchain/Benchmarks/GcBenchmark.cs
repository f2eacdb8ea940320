using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Allocation and collection under QEMU TCG. One program, qemu-tests/Images/gc, runs in two guests with the same
/// memory: Sharprun's image, and the program published with NativeAOT for linux-x64 inside the Linux guest.
/// Throughput: binary trees, timed by the program itself and by the host between two of the program's lines (a
/// guest clock calibrated badly under load cannot skew that one); target for both: at least <see cref="TargetSpeed"/>
/// of the Linux guest's speed.
/// Pauses: <see cref="LiveMiB"/> kept alive while <see cref="ChurnMiB"/> of garbage is allocated; Sharprun's from
/// the kernel's GC trace, the reference's from GCMemoryInfo read inside the program. Both are guest-clock figures,
/// so each run's are put on the host's time scale with the ratio of the two clocks over the allocation span: a
/// guest whose clock was calibrated badly at boot (off by a constant factor) then still gives true pauses.
/// </summary>
public static class GcBenchmark
{
    public const int TreeDepth = 16;
    public const int LiveMiB = 50;
    public const int ChurnMiB = 512;
    public const int GuestMemoryMiB = 256;
    public const double TargetSpeed = 0.7;

    /// <summary>The program's list nodes: header, method table, an int padded to 8 bytes, a reference.</summary>
    private const int NodeBytes = 32;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var program = ComparedProgram.Prepare(workspace, Path.Combine(workspace.Layout.Root, "qemu-tests", "Images", "gc"));
        string[] trees = ["timed-trees", Text(TreeDepth)];
        string[] pauses = ["pauses", Text(LiveMiB), Text(ChurnMiB)];
        string[] trace = ["gc.trace"];
        var ours = program.Ours(GuestMemoryMiB, RunTimeout);
        var linuxTrees = program.InLinux("linux-trees", trees, GuestMemoryMiB, RunTimeout);
        var linuxPauses = program.InLinux("linux-pauses", pauses, GuestMemoryMiB, RunTimeout);
        var timer = new BootTimer(qemu);

        var rounds = workspace.Rounds("gc", () =>
        (
            OurTrees: TreesOf(ours.Run(trees, [])),
            TheirTrees: TreesOf(GuestProgramRun.InLinux(timer, linuxTrees)),
            OurPauses: OurPausesOf(ours.Run(pauses, trace)),
            TheirPauses: TheirPausesOf(GuestProgramRun.InLinux(timer, linuxPauses))
        ));
        var ourTrees = rounds.Select(r => r.OurTrees).ToList();
        var theirTrees = rounds.Select(r => r.TheirTrees).ToList();
        var ourPauses = rounds.Select(r => r.OurPauses).ToList();
        var theirPauses = rounds.Select(r => r.TheirPauses).ToList();

        var checks = ourTrees.Concat(theirTrees).Select(t => t.Check).Distinct().ToList();
        if (checks.Count != 1)
            throw new ToolchainException($"the binary trees' checks differ between runs or guests ({string.Join(", ", checks)}): the guests did not do the same work");

        string referenceName = $"NativeAOT linux-x64 in {linuxTrees.Name}";
        double ourTime = Median.Of(ourTrees.Select(t => t.GuestMilliseconds)) / 1000;
        double theirTime = Median.Of(theirTrees.Select(t => t.GuestMilliseconds)) / 1000;
        double ourHostTime = Median.Of(ourTrees.Select(t => t.HostMilliseconds)) / 1000;
        double theirHostTime = Median.Of(theirTrees.Select(t => t.HostMilliseconds)) / 1000;
        notes.Add($"gc: program qemu-tests/Images/gc, modes '{string.Join(' ', trees)}' and '{string.Join(' ', pauses)}', both guests with -m {GuestMemoryMiB}; " +
                  "the Sharprun image booted by the launcher of 'sharprun run' (-accel tcg -cpu max -nodefaults -no-reboot -display none, serial ports as sockets), " +
                  $"the Linux guest with the boot section's flags; the NativeAOT build published with -p:InvariantGlobalization=true, its C libraries copied from this host");
        notes.Add(Invariant($"gc: binary trees target: at least {TargetSpeed:0.0#}× the Linux guest's speed, i.e. at most {1 / TargetSpeed:0.00}× its time; measured speed {theirTime / ourTime:0.00}× ") +
                  Invariant($"(program's clock), {theirHostTime / ourHostTime:0.00}× (host's clock). Per run, program's clock: Sharprun {Runs(ourTrees, t => t.GuestMilliseconds / 1000, "0.0")} s, ") +
                  Invariant($"Linux {Runs(theirTrees, t => t.GuestMilliseconds / 1000, "0.0")} s; guest clock against the host's over the timed span (1.000 = agree): ") +
                  Invariant($"Sharprun {Runs(ourTrees, t => t.ClockRatio, "0.000")}, Linux {Runs(theirTrees, t => t.ClockRatio, "0.000")}"));
        notes.Add(Invariant($"gc: pauses while {ChurnMiB} MiB of {NodeBytes}-byte objects are allocated around {LiveMiB} MiB of live ones, after a GC.Collect that settles the live set; ") +
                  Invariant($"Sharprun: {Median.Of(ourPauses.Select(p => (double)p.Pauses.Count)):0} collections per run (median), pauses from the kernel's gc.trace ") +
                  Invariant($"(on the guest's clock, maximum {Median.Of(ourPauses.Select(p => p.Pauses.Max())):0.00} ms by the trace, ") +
                  Invariant($"{Median.Of(ourPauses.Select(p => p.ProgramMaximum)):0.00} ms by the program's own GCMemoryInfo readings); ") +
                  Invariant($"NativeAOT with its default GC (generational, workstation): {Median.Of(theirPauses.Select(p => (double)p.Pauses.Count)):0} pauses per run (median), ") +
                  Invariant($"read from GCMemoryInfo.PauseDurations polled every 64 allocations ({theirPauses.Sum(p => p.Missed)} collections missed between polls in all runs). ") +
                  Invariant($"Pauses are on the host's time scale: each run's guest-clock pauses times host/guest time over the allocation span ") +
                  Invariant($"(Sharprun {Runs(ourPauses, p => p.HostPerGuest, "0.000")}; Linux {Runs(theirPauses, p => p.HostPerGuest, "0.000")}). ") +
                  Invariant($"Per run, maximum and median pause (ms, host scale): Sharprun {Runs(ourPauses, p => p.Maximum, "0.0")} and {Runs(ourPauses, p => p.Median, "0.0")}; ") +
                  Invariant($"NativeAOT {Runs(theirPauses, p => p.Maximum, "0.00")} and {Runs(theirPauses, p => p.Median, "0.00")}"));
        return
        [
            new("gc", $"binary trees depth {TreeDepth}, time the program measures (Stopwatch)", Quantity.Seconds(ourTime), referenceName, Quantity.Seconds(theirTime), 1 / TargetSpeed),
            new("gc", $"binary trees depth {TreeDepth}, same span timed on the host (arrival of two lines)",
                Quantity.Seconds(ourHostTime), referenceName, Quantity.Seconds(theirHostTime), 1 / TargetSpeed),
            new("gc", $"maximum GC pause, {LiveMiB} MiB live (gc.trace, host time scale)", Quantity.Milliseconds(Median.Of(ourPauses.Select(p => p.Maximum))),
                referenceName + ", GCMemoryInfo", Quantity.Milliseconds(Median.Of(theirPauses.Select(p => p.Maximum))), null),
            new("gc", $"median GC pause, {LiveMiB} MiB live (gc.trace, host time scale)", Quantity.Milliseconds(Median.Of(ourPauses.Select(p => p.Median))),
                referenceName + ", GCMemoryInfo", Quantity.Milliseconds(Median.Of(theirPauses.Select(p => p.Median))), null),
        ];
    }

    private sealed record TreesFigures(double GuestMilliseconds, double HostMilliseconds, long Check)
    {
        /// <summary>How fast the guest's clock ran against the host's over the timed span.</summary>
        public double ClockRatio => GuestMilliseconds / HostMilliseconds;
    }

    private static TreesFigures TreesOf(GuestProgramRun run)
    {
        var figures = run.Figures;
        if (figures.Whole("trees-depth", 0, 64) != TreeDepth)
            throw new ToolchainException($"{run.Source} ran binary trees of another depth than {TreeDepth}");
        return new TreesFigures(figures.Single("trees-ms"), run.HostMillisecondsBetween("trees-depth", "trees-ms"), figures.Whole("trees-check", 0, long.MaxValue));
    }

    /// <param name="Pauses">In milliseconds of the guest's clock.</param>
    /// <param name="HostPerGuest">Host time over guest time across the allocation span.</param>
    private sealed record PauseFigures(IReadOnlyList<double> Pauses, double ProgramMaximum, long Missed, double HostPerGuest)
    {
        public double Maximum => Pauses.Max() * HostPerGuest;

        public double Median => Benchmarks.Median.Of(Pauses) * HostPerGuest;
    }

    /// <summary>How much host time passed per unit of guest time while the program allocated.</summary>
    private static double HostPerGuest(GuestProgramRun run)
    {
        double guest = run.Figures.Single("churn-ms");
        double host = run.HostMillisecondsBetween("first-collection", "last-collection");
        if (guest <= 0 || host <= 0)
            throw new ToolchainException(Invariant($"{run.Source}: the allocation span took {guest} ms on its clock and {host} ms on the host's"));
        return host / guest;
    }

    /// <summary>Sharprun's pauses: the traced collections between the two counts the program printed.</summary>
    private static PauseFigures OurPausesOf(GuestProgramRun run)
    {
        var figures = CheckLiveSet(run);
        int first = (int)figures.Whole("first-collection", 0, int.MaxValue);
        int last = (int)figures.Whole("last-collection", first, int.MaxValue);
        var collections = GcTrace.Between(GcTrace.Parse(run.Diagnostics), first, last);
        var own = figures.All("pause-ms");
        return new PauseFigures(Nonempty(run, collections.Select(c => c.PauseMilliseconds).ToList()), own.Count > 0 ? own.Max() : double.NaN,
            figures.Whole("pauses-missed", 0, int.MaxValue), HostPerGuest(run));
    }

    /// <summary>The reference's pauses: what the program read from GCMemoryInfo.</summary>
    private static PauseFigures TheirPausesOf(GuestProgramRun run)
    {
        var figures = CheckLiveSet(run);
        var pauses = Nonempty(run, figures.All("pause-ms"));
        return new PauseFigures(pauses, pauses.Max(), figures.Whole("pauses-missed", 0, int.MaxValue), HostPerGuest(run));
    }

    private static ProgramFigures CheckLiveSet(GuestProgramRun run)
    {
        long expected = (long)LiveMiB * 1024 * 1024 / NodeBytes;
        if (run.Figures.Whole("live-nodes", 0, long.MaxValue) != expected)
            throw new ToolchainException($"{run.Source} did not keep {expected} nodes alive");
        return run.Figures;
    }

    private static IReadOnlyList<double> Nonempty(GuestProgramRun run, IReadOnlyList<double> pauses) =>
        pauses.Count > 0 ? pauses : throw new ToolchainException($"{run.Source}: no collection happened while {ChurnMiB} MiB were allocated");
}
