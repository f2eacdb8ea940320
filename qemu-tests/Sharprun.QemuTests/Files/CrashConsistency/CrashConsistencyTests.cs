using System.Diagnostics;
using Sharprun.Ext2.TestTools;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// Crash consistency of the ext2 write path without a journal (issue 14). The disks image runs its crash workload
/// on bare metal with QEMU's blklogwrites driver recording every write and flush the guest's virtio-blk disk
/// completes; then each state the disk passed through is rebuilt from the base image and judged as a machine that
/// lost power there would find it: every prefix ending at a flush must be clean for e2fsck -fn and hold every file
/// fsync'd before it, byte for byte; in a sample of arbitrary prefixes e2fsck -fy must find nothing but what ext2's
/// crash-safe write order allows (leaks, <see cref="CrashFindings"/>: a directory entry written before its inode,
/// say, shows as an entry naming an unused inode) and repair it without losing any fsync'd file. Which files a prefix must hold is worked out from the workload's step markers (see
/// <see cref="DurableVersion.RequiredIn"/>), found in the log's raw data, never through the file system under test.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashConsistencyTests : IDisposable
{
    private const int EvenPrefixes = 40;
    private const int RandomPrefixes = 20;
    private const int ReportedFailures = 12;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-crash-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string InFolder(string name) => Path.Combine(_folder.FullName, name);

    [E2fsFact]
    public void EveryFlushIsCleanAndEveryCrashRepairableWithNoFsyncedFileLost()
    {
        var clock = Stopwatch.StartNew();
        string baseImage = InFolder("base.img"), disk = InFolder("disk.img"), logPath = InFolder("disk.log");
        var (made, madeOutput) = E2fsTools.Run(E2fsTools.Mke2fs, "-q", "-F", "-t", "ext2", baseImage, "32M");
        Assert.True(made == 0, madeOutput);
        File.Copy(baseImage, disk);
        // QEMU's file driver opens the log; it does not create it.
        File.WriteAllBytes(logPath, []);
        string output = Boot(disk, logPath);

        var versions = DurableVersion.Parse(output, out int steps);
        using var log = WriteLog.Open(logPath);
        var markers = StepMarkers.FirstEntries(log);
        for (int step = 0; step < steps; step++)
            Assert.True(markers.ContainsKey(step), $"step {step}'s marker was fsync'd but never reached the log");
        // A version is judged from the next step's marker on, so the workload's last step fsyncs nothing.
        Assert.All(versions, version => Assert.True(version.DurableStep + 1 < steps, $"{version} has no later step to judge it by"));

        var failures = new List<string>();
        using (var replay = new WriteLogReplay(log, baseImage, InFolder("replay.img")))
        {
            foreach (var (count, atFlush) in Prefixes(log))
            {
                replay.ApplyUpTo(count);
                string where = $"after {count} of {log.Entries.Count} entries ({(atFlush ? "a flush" : "mid-stream")})";
                failures.AddRange(atFlush ? JudgeFlushed(replay.ImagePath, where) : JudgeCrashed(replay, where));
                failures.AddRange(MissingFiles(atFlush ? replay.ImagePath : InFolder("repaired.img"), versions.Where(version => version.RequiredIn(count, markers)), where));
                if (failures.Count >= ReportedFailures)
                    break;
            }
            Assert.True(failures.Count == 0, string.Join('\n', failures.Take(ReportedFailures)));
            // The whole log is what the guest left on its disk: nothing it wrote went unrecorded.
            replay.ApplyUpTo(log.Entries.Count);
            Assert.True(File.ReadAllBytes(replay.ImagePath).AsSpan().SequenceEqual(File.ReadAllBytes(disk)), "the replayed log differs from the disk the guest left");
        }
        Assert.True(clock.Elapsed < Budget, $"the crash test took {clock.Elapsed}, beyond its {Budget} budget");
    }

    /// <summary>Boots the crash workload with the disk's writes logged; what it printed.</summary>
    private static string Boot(string disk, string logPath)
    {
        var options = new LaunchOptions(GuestImages.Get("disks"), ["crash", "/data"], 64, 240, "tcg", Verbose: false)
        {
            Disks = [new GuestDisk(disk, "/data", ReadOnly: false) { WriteLog = logPath }],
        };
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        LaunchOutcome outcome;
        using (GuestConcurrency.Alongside())
            outcome = new QemuLauncher(options, output, error).Run();
        string printed = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.True(outcome is { End: LaunchEnd.Exited, ExitCode: 0 }, $"{outcome}\n--- stdout\n{printed}\n--- stderr\n{System.Text.Encoding.UTF8.GetString(error.ToArray())}");
        return printed;
    }

    /// <summary>
    /// The prefixes to judge, in ascending order: every one ending at a flush, and a sample of others — spread
    /// evenly, plus some at random (fixed seed, so a failure comes back) — which may end anywhere, even between
    /// the halves of an operation.
    /// </summary>
    private static IEnumerable<(int Count, bool AtFlush)> Prefixes(WriteLog log)
    {
        var flushes = log.Entries.Where(entry => entry.IsFlush).Select(entry => entry.Index + 1).ToHashSet();
        int total = log.Entries.Count;
        var random = new Random(14);
        var others = Enumerable.Range(1, EvenPrefixes).Select(i => (int)((long)i * total / (EvenPrefixes + 1)))
            .Concat(Enumerable.Range(0, RandomPrefixes).Select(_ => random.Next(1, total)))
            .Where(count => count > 0 && !flushes.Contains(count));
        return flushes.Select(count => (count, true)).Concat(others.Distinct().Select(count => (count, false))).OrderBy(prefix => prefix.Item1);
    }

    private static IEnumerable<string> JudgeFlushed(string image, string where)
    {
        var (exit, output) = E2fsTools.Check(image);
        if (exit != 0)
            yield return $"{where}: e2fsck -fn exit {exit}\n{output}";
    }

    /// <summary>A power cut here may leave only leaks, which e2fsck -fy repairs (exit 0, 1 or 2) so that -fn finds it clean after.</summary>
    private IEnumerable<string> JudgeCrashed(WriteLogReplay replay, string where)
    {
        string repaired = InFolder("repaired.img");
        replay.CopyTo(repaired);
        var (exit, output) = E2fsTools.Repair(repaired);
        var violations = CrashFindings.OrderingViolations(output);
        if (violations.Count > 0)
            yield return $"{where}: written out of order: {string.Join(" | ", violations)}\n{output}";
        if (exit >= 4)
            yield return $"{where}: e2fsck -fy left errors (exit {exit})\n{output}";
        else if (E2fsTools.Check(repaired) is { ExitCode: not 0 } after)
            yield return $"{where}: still not clean after e2fsck -fy\n{after.Output}";
    }

    /// <summary>Each required version, read back with debugfs, must have its length and hash.</summary>
    private IEnumerable<string> MissingFiles(string image, IEnumerable<DurableVersion> required, string where)
    {
        string dumps = InFolder("dumps");
        if (Directory.Exists(dumps))
            Directory.Delete(dumps, recursive: true);
        Directory.CreateDirectory(dumps);
        var wanted = required.Select((version, index) => (Version: version, Target: Path.Combine(dumps, index.ToString()))).ToList();
        E2fsTools.DumpAll(image, wanted.Select(file => ("/" + file.Version.Path, file.Target)));
        foreach (var (version, target) in wanted)
        {
            if (!File.Exists(target))
            {
                yield return $"{where}: {version.Path} is missing (fsync'd in step {version.DurableStep})";
                continue;
            }
            byte[] content = File.ReadAllBytes(target);
            if (content.Length != version.Length || Fnv1a(content) != version.Hash)
                yield return $"{where}: {version.Path} holds {content.Length} bytes hashing to {Fnv1a(content):x16}, fsync'd in step {version.DurableStep} as {version.Length} bytes hashing to {version.Hash:x16}";
        }
    }

    /// <summary>FNV-1a, as the workload hashes what it fsync'd.</summary>
    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in data)
            hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
