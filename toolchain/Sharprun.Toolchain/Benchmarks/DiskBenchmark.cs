using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using static Sharprun.Toolchain.Benchmarks.NoteText;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Disk throughput and latency under QEMU TCG (issue 14). One program, Benchmarks/Programs/diskbench, runs in Sharprun's
/// image and, published with NativeAOT for linux-x64, in the Linux guest, both with the same memory and one CPU, each
/// on a fresh ext2 image of <see cref="DiskMiB"/> MiB made by mke2fs for every round and attached with the same QEMU
/// options (<see cref="GuestDisk.QemuArguments"/>: virtio-blk-pci, raw, cache=writeback). The Linux guest mounts it
/// with Debian's ext4 driver serving ext2 (<see cref="LinuxDiskSetup"/>), Sharprun with its own ext2 behind its block
/// cache (<c>run --disk</c>). Each <see cref="DiskWorkload"/> phase is a boot of its own on the round's disk, so both
/// guests read with cold caches — the page cache and the block cache cannot be compared warm, they differ in size —
/// and each phase's writes have reached the image before the next boot (Flush(true) in the program, then Linux's
/// umount or Sharprun's clean unmount at exit); e2fsck -fn checks the image after the round. The program times
/// itself; BenchmarkResult's ratio is "lower is better", so throughput rows are seconds for the same work and IOPS
/// rows time per operation. When the Linux guest is measured and Sharprun's image is not, the Linux figures go into
/// the notes and the section is reported incomplete with the image's reason.
/// </summary>
public static class DiskBenchmark
{
    public const int DiskMiB = 512;
    public const int GuestMemoryMiB = 256;

    /// <summary>Issue 14's target: sequential and small-file throughput at least the Linux guest's.</summary>
    public const double TargetRatio = 1.0;

    public static readonly DiskWorkload Workload = new(FileMiB: 256, RandomReads: 20000, RandomWrites: 10000, Fsyncs: 500, SmallFiles: 2000);

    private const string MountPoint = GuestDisk.DefaultMountPoint;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate(QemuCommand.Executable, QemuCommand.InstallHint);
        var program = ComparedProgram.PrepareReference(workspace, Path.Combine(workspace.Layout.Root, "toolchain", "Sharprun.Toolchain", "Benchmarks", "Programs", "diskbench"));
        var theirDisk = new GuestDisk(Path.Combine(program.Directory, "linux-disk.img"), MountPoint, ReadOnly: false);
        var ourDisk = new GuestDisk(Path.Combine(program.Directory, "sharprun-disk.img"), MountPoint, ReadOnly: false);
        var linux = DiskWorkload.Phases.Select(phase =>
            program.InLinux($"linux-disk-{phase}", Workload.Arguments(phase, MountPoint), GuestMemoryMiB, RunTimeout, diskMountPoint: MountPoint)
                with { Devices = theirDisk.QemuArguments(0) }).ToList();
        string? buildFailure = null;
        try
        {
            program.BuildImage();
        }
        catch (ToolchainException e)
        {
            buildFailure = "the image could not be built: " + e.Message;
        }
        var ours = program.Ours(GuestMemoryMiB, RunTimeout) with { Disks = [ourDisk] };
        var timer = new BootTimer(qemu);

        var rounds = workspace.Rounds("disk", () =>
        (
            Ours: MeasureOurs(ours, ourDisk, buildFailure),
            Theirs: MeasureLinux(timer, linux, theirDisk)
        ));
        var theirs = rounds.Select(r => r.Theirs.Figures).ToList();
        string? ourFailure = rounds.Select(r => r.Ours.Failure).FirstOrDefault(f => f is not null);
        var ourRuns = ourFailure is null ? rounds.Select(r => r.Ours.Figures!).ToList() : null;

        string referenceName = $"NativeAOT linux-x64 in {linux[0].Name}";
        notes.Add($"disk: program toolchain/Sharprun.Toolchain/Benchmarks/Programs/diskbench, both guests with -m {GuestMemoryMiB} and one CPU, " +
                  $"each on a fresh {DiskMiB} MiB image from 'mke2fs -q -t ext2 -F' every round, attached with '{string.Join(' ', theirDisk.QemuArguments(0)).Replace(theirDisk.File, "IMAGE", StringComparison.Ordinal)}'; " +
                  $"phases '{string.Join("', '", DiskWorkload.Phases.Select(p => string.Join(' ', Workload.Arguments(p, MountPoint))))}', each in a boot of its own, so every phase starts with cold caches; " +
                  $"Linux mounts the disk with its ext4 driver serving ext2 ({rounds[0].Theirs.Mount}) and unmounts it before powering off, Sharprun with 'run --disk' " +
                  "(its ext2 behind a block cache of an eighth of memory) and unmounts it at exit; e2fsck -fn found every image clean after its round; figures on each guest's own clock (Stopwatch)");
        notes.Add(Invariant($"disk: per run, Sharprun / Linux: sequential write MB/s {Rates(ourRuns, f => f.SequentialWriteSeconds)} / {Runs(theirs, f => Rate(f.SequentialWriteSeconds), "0.0")}; ") +
                  Invariant($"sequential read MB/s {Rates(ourRuns, f => f.SequentialReadSeconds)} / {Runs(theirs, f => Rate(f.SequentialReadSeconds), "0.0")}; ") +
                  Invariant($"random read IOPS {PerSecond(ourRuns, f => f.RandomReadMicroseconds)} / {Runs(theirs, f => 1e6 / f.RandomReadMicroseconds, "0")}; ") +
                  Invariant($"random write IOPS {PerSecond(ourRuns, f => f.RandomWriteMicroseconds)} / {Runs(theirs, f => 1e6 / f.RandomWriteMicroseconds, "0")}; ") +
                  Invariant($"small files per second {PerSecond(ourRuns, f => f.SmallFileMicroseconds)} / {Runs(theirs, f => 1e6 / f.SmallFileMicroseconds, "0")}; ") +
                  Invariant($"fsync median µs {(ourRuns is null ? "not measured" : Runs(ourRuns, f => f.FsyncMedianMicroseconds, "0"))} / {Runs(theirs, f => f.FsyncMedianMicroseconds, "0")}, ") +
                  Invariant($"p99 µs {(ourRuns is null ? "not measured" : Runs(ourRuns, f => f.FsyncP99Microseconds, "0"))} / {Runs(theirs, f => f.FsyncP99Microseconds, "0")}"));
        if (ourRuns is null)
            throw new IncompleteSectionException($"Sharprun's image was not measured (the Linux guest's figures are in the notes): {ourFailure}", []);

        BenchmarkResult Row(string measurement, Func<DiskFigures, double> figure, Func<double, Quantity> unit, double? target) =>
            new("disk", measurement, unit(Median.Of(ourRuns.Select(figure))), referenceName, unit(Median.Of(theirs.Select(figure))), target);
        return
        [
            Row($"sequential write of {Workload.FileMiB} MiB, 1 MiB writes, Flush(true) included (target ≥ 1× the speed)", f => f.SequentialWriteSeconds, Quantity.Seconds, TargetRatio),
            Row("sequential read of that file after a reboot, 1 MiB reads (target ≥ 1× the speed)", f => f.SequentialReadSeconds, Quantity.Seconds, TargetRatio),
            Row($"4 KiB random reads in the file after a reboot: time per read, 1 / IOPS ({Workload.RandomReads})", f => f.RandomReadMicroseconds, Quantity.Microseconds, null),
            Row($"4 KiB random writes in the file, one Flush(true) at the end included: time per write, 1 / IOPS ({Workload.RandomWrites})", f => f.RandomWriteMicroseconds, Quantity.Microseconds, null),
            Row($"small files, 1 KiB each, created, stat'ed, deleted: time per file ({Workload.SmallFiles}; target ≥ 1× files per second)", f => f.SmallFileMicroseconds, Quantity.Microseconds, TargetRatio),
            Row($"fsync latency, 4 KiB append + Flush(true): median of {Workload.Fsyncs}", f => f.FsyncMedianMicroseconds, Quantity.Microseconds, null),
            Row($"fsync latency, 4 KiB append + Flush(true): p99 of {Workload.Fsyncs}", f => f.FsyncP99Microseconds, Quantity.Microseconds, null),
        ];
    }

    /// <summary>One round of Sharprun's image: a fresh disk, the three phases, e2fsck; or why it could not be measured.</summary>
    private static (DiskFigures? Figures, string? Failure) MeasureOurs(SharprunGuest ours, GuestDisk disk, string? buildFailure)
    {
        if (buildFailure is not null)
            return (null, buildFailure);
        try
        {
            BlankExt2Image.Create(disk.File, DiskMiB);
            var runs = DiskWorkload.Phases.Select(phase => ours.Run(Workload.Arguments(phase, MountPoint), [])).ToList();
            var figures = DiskFigures.Of(runs[0], runs[1], runs[2], Workload);
            return BlankExt2Image.Problems(disk.File) is { } problems ? (null, $"the disk it left is not clean: {problems}") : (figures, null);
        }
        catch (ToolchainException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>One round of the Linux guest; its failures end the section, since without the reference nothing compares.</summary>
    private static (DiskFigures Figures, string Mount) MeasureLinux(BootTimer timer, IReadOnlyList<BootGuest> phases, GuestDisk disk)
    {
        BlankExt2Image.Create(disk.File, DiskMiB);
        var runs = phases.Select(guest =>
        {
            var run = GuestProgramRun.InLinux(timer, guest);
            if (run.Output.FirstOrDefault(l => l.Text.Contains(LinuxDiskSetup.FailureMarker, StringComparison.Ordinal)) is { } failed)
                throw new ToolchainException($"{guest.Name}: {PrintableText.Of(failed.Text, 200)}");
            return run;
        }).ToList();
        if (BlankExt2Image.Problems(disk.File) is { } problems)
            throw new ToolchainException($"{phases[0].Name} left a disk that is not clean: {problems}");
        string mount = runs[0].Output.Select(l => l.Text.Trim()).FirstOrDefault(l => l.StartsWith(LinuxDiskSetup.Device + " " + MountPoint + " ", StringComparison.Ordinal))
            ?? throw new ToolchainException($"{phases[0].Name}: /proc/mounts listed no {LinuxDiskSetup.Device} on {MountPoint}");
        return (DiskFigures.Of(runs[0], runs[1], runs[2], Workload), "/proc/mounts: " + mount);
    }

    private static double Rate(double seconds) => Workload.FileMiB * 1048576.0 / 1e6 / seconds;

    private static string Rates(IReadOnlyList<DiskFigures>? runs, Func<DiskFigures, double> seconds) =>
        runs is null ? "not measured" : Runs(runs, f => Rate(seconds(f)), "0.0");

    private static string PerSecond(IReadOnlyList<DiskFigures>? runs, Func<DiskFigures, double> microseconds) =>
        runs is null ? "not measured" : Runs(runs, f => 1e6 / microseconds(f), "0");
}
