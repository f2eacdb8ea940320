namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// One entry of a write log, in the order the device completed it: <see cref="SectorCount"/> sectors written (or
/// discarded) at <see cref="Sector"/>, both in the log's sector size, their data at <see cref="DataOffset"/> in the
/// log; a flush; or a mark with its name.
/// </summary>
public sealed record WriteLogEntry(int Index, long Sector, long SectorCount, WriteLogFlags Flags, long DataOffset, string? Mark)
{
    public bool IsFlush => Flags.HasFlag(WriteLogFlags.Flush);

    public bool IsDiscard => Flags.HasFlag(WriteLogFlags.Discard);

    /// <summary>Whether the log holds sectors of data for this entry (a discard covers sectors but carries none).</summary>
    public bool HasData => SectorCount > 0 && !IsDiscard;
}
