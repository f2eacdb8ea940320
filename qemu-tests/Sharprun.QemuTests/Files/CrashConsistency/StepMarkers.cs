using System.Text;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// Where in a write log the crash workload's step markers first appear: a sector of written data that begins
/// "sharprun-crash-step NNNNNNNN" is the marker file's, so its first entry is the earliest the disk saw that step.
/// Found in the raw writes, not through the file system, so the mapping does not depend on what is being tested.
/// </summary>
public static class StepMarkers
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("sharprun-crash-step ");
    private const int Digits = 8;

    /// <summary>Step number → index of the first entry that wrote its marker.</summary>
    public static IReadOnlyDictionary<int, int> FirstEntries(WriteLog log)
    {
        var first = new Dictionary<int, int>();
        foreach (WriteLogEntry entry in log.Entries.Where(entry => entry.HasData))
        {
            byte[] data = log.ReadData(entry);
            for (int offset = 0; offset + log.SectorSize <= data.Length; offset += log.SectorSize)
            {
                var sector = data.AsSpan(offset, log.SectorSize);
                if (sector.StartsWith(Prefix) && int.TryParse(sector.Slice(Prefix.Length, Digits), out int step))
                    first.TryAdd(step, entry.Index);
            }
        }
        return first;
    }
}
