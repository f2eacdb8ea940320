namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>What a write-log entry records, as Linux's dm-log-writes (and QEMU's blklogwrites after it) number them.</summary>
[Flags]
public enum WriteLogFlags : ulong
{
    None = 0,
    /// <summary>A cache flush: everything logged before it had reached stable storage when it completed.</summary>
    Flush = 1,
    /// <summary>A forced-unit-access write: durable on its own completion.</summary>
    Fua = 2,
    /// <summary>The sectors were discarded; the log holds no data for them.</summary>
    Discard = 4,
    /// <summary>A named point in the log (dm-log-writes' "mark" message); QEMU never writes one.</summary>
    Mark = 8,
    /// <summary>The write carried file-system metadata (Linux only).</summary>
    Metadata = 16,
}
