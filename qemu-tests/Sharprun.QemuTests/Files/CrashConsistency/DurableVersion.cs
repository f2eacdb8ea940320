namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// What the crash workload (qemu-tests/Images/disks/CrashWorkload.cs) said one of its fsyncs made durable:
/// <paramref name="Path"/> (on the disk) held <paramref name="Length"/> bytes hashing to <paramref name="Hash"/> when
/// the fsync returned, during step <paramref name="DurableStep"/>; it next changed during
/// <paramref name="ChangedStep"/>, if it did.
/// </summary>
public sealed record DurableVersion(string Path, long Length, ulong Hash, int DurableStep, int? ChangedStep)
{
    /// <summary>
    /// Reads the workload's lines in order — "step N", "durable PATH LENGTH HASH", "change PATH" — into the versions
    /// its fsyncs made durable, and how many steps it announced. Other lines are refused: the test would otherwise
    /// judge a run whose facts it misread.
    /// </summary>
    public static IReadOnlyList<DurableVersion> Parse(string output, out int steps)
    {
        var versions = new List<DurableVersion>();
        var current = new Dictionary<string, int>();
        int step = -1;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] words = line.Split(' ');
            switch (words)
            {
                case ["step", var number] when int.Parse(number) == step + 1:
                    step++;
                    break;
                case ["durable", var path, var length, var hash]:
                    current[path] = versions.Count;
                    versions.Add(new DurableVersion(path, long.Parse(length), Convert.ToUInt64(hash, 16), step, null));
                    break;
                case ["change", var path]:
                    if (current.Remove(path, out int index))
                        versions[index] = versions[index] with { ChangedStep = step };
                    break;
                default:
                    throw new FormatException($"not a line of the crash workload: '{line}'");
            }
        }
        steps = step + 1;
        return versions;
    }

    /// <summary>
    /// Whether a disk holding the first <paramref name="count"/> entries of the log must hold this version, given
    /// where each step's marker first reached the log (<paramref name="markers"/>, entry indexes). The guest wrote
    /// step N+1's marker only after this version's fsync had returned, and QEMU logs a flush before completing it
    /// to the guest, so every entry from that marker on comes after the fsync's flush. The change came after step
    /// C's marker was fsync'd, so no entry up to that marker holds any of it. Between the two the version must be
    /// there; outside, nothing is claimed (before, it may not have reached the disk; after, it may be gone).
    /// </summary>
    public bool RequiredIn(int count, IReadOnlyDictionary<int, int> markers)
    {
        if (!markers.TryGetValue(DurableStep + 1, out int from))
            return false;
        int until = ChangedStep is { } changed ? markers[changed] : int.MaxValue;
        return from < count && count - 1 <= until;
    }
}
