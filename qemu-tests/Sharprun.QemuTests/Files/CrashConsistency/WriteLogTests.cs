using System.Diagnostics;
using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>The write-log reader on hand-made logs, hostile ones among them, and on a log QEMU itself wrote (host only, no guest).</summary>
public sealed class WriteLogTests
{
    private static byte[] Sectors(int count, byte value) => Enumerable.Repeat(value, count * 512).ToArray();

    private static WriteLog Read(byte[] log) => WriteLog.Read(new MemoryStream(log));

    [Fact]
    public void WritesFlushesDiscardsAndMarksReadBackInOrder()
    {
        byte[] log = new WriteLogBuilder().Write(8, Sectors(2, 0x55)).Flush().Discard(100, 16).Mark("after discard").Write(0, Sectors(1, 0x66)).Build();
        using var read = Read(log);
        Assert.Equal(512, read.SectorSize);
        Assert.Equal(5, read.Entries.Count);
        Assert.Equal(new WriteLogEntry(0, 8, 2, WriteLogFlags.None, 1024, null), read.Entries[0]);
        Assert.True(read.Entries[1].IsFlush);
        Assert.Equal(new WriteLogEntry(2, 100, 16, WriteLogFlags.Discard, 3072, null), read.Entries[2]);
        Assert.False(read.Entries[2].HasData);
        Assert.Equal("after discard", read.Entries[3].Mark);
        Assert.Equal(Sectors(2, 0x55), read.ReadData(read.Entries[0]));
        Assert.Equal(Sectors(1, 0x66), read.ReadData(read.Entries[4]));
        Assert.Empty(read.ReadData(read.Entries[2]));
    }

    [Fact]
    public void EntriesBeyondTheSuperblocksCountAreNotRead()
    {
        byte[] log = new WriteLogBuilder().Write(1, Sectors(1, 1)).Flush().Write(2, Sectors(1, 2)).Build(count: 2);
        using var read = Read(log);
        Assert.Equal(2, read.Entries.Count);
    }

    [Fact]
    public void AnEmptyLogHasNoEntries()
    {
        using var read = Read(new WriteLogBuilder().Build());
        Assert.Empty(read.Entries);
    }

    [Fact]
    public void SectorsAreInTheLogsSectorSize()
    {
        byte[] log = new WriteLogBuilder(4096).Write(3, new byte[8192]).Flush().Build();
        using var read = Read(log);
        Assert.Equal(4096, read.SectorSize);
        Assert.Equal(new WriteLogEntry(0, 3, 2, WriteLogFlags.None, 8192, null), read.Entries[0]);
        Assert.True(read.Entries[1].IsFlush);
    }

    public static TheoryData<string, byte[], string> Hostile() => new()
    {
        { "empty file", [], "shorter than the 28-byte superblock" },
        { "half a superblock", new WriteLogBuilder().Build(length: 20), "shorter than the 28-byte superblock" },
        { "wrong magic", new WriteLogBuilder().Build(magic: 0x1234), "magic 0x1234" },
        { "version 2", new WriteLogBuilder().Build(version: 2), "version 2 is not supported" },
        { "sector size 0", new WriteLogBuilder().Build(superSectorSize: 0), "sector size 0 is not a power of two" },
        { "sector size 768", new WriteLogBuilder().Build(superSectorSize: 768), "sector size 768" },
        { "sector size 16", new WriteLogBuilder().Build(superSectorSize: 16), "sector size 16" },
        { "sector size 2^31", new WriteLogBuilder().Build(superSectorSize: 1u << 31), "sector size 2147483648" },
        { "count beyond the file", new WriteLogBuilder().Flush().Build(count: 3), "counts 3 entries, but 1024 bytes hold at most 1" },
        { "count of 2^64 - 1", new WriteLogBuilder().Flush().Build(count: ulong.MaxValue), "counts 18446744073709551615 entries" },
        { "data cut short", new WriteLogBuilder().Write(0, Sectors(4, 9)).Build(length: 512 * 4), "entry 0's 4 sectors of data from byte 1024 run past" },
        { "header cut short", new WriteLogBuilder().Write(0, Sectors(1, 9)).Flush().Build(length: 512 * 3 + 100), "entry 1 of 2 would start at byte 1536" },
        { "unknown flag", new WriteLogBuilder().Entry(0, 0, (WriteLogFlags)0x20, 0, [], []).Build(), "unknown flags 0x20" },
        { "sector beyond any disk", new WriteLogBuilder().Entry(ulong.MaxValue, 0, WriteLogFlags.Discard, 0, [], []).Build(), "beyond any disk" },
        { "sector range wrapping", new WriteLogBuilder().Entry(1UL << 50, ulong.MaxValue - 10, WriteLogFlags.Discard, 0, [], []).Build(), "beyond any disk" },
        { "a 2^40-byte write", new WriteLogBuilder().Entry(0, 1UL << 31, WriteLogFlags.None, 0, [], []).Build(), "more than this reader takes" },
        { "mark longer than its sector", new WriteLogBuilder().Entry(0, 0, WriteLogFlags.Mark, 481, [], []).Build(), "481 bytes of entry data do not fit" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void MalformedLogsAreRefusedWithTheReason(string what, byte[] log, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(log));
        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    /// <summary>What QEMU's own blklogwrites wrote for qemu-io's requests: the layout this reader assumes is QEMU's.</summary>
    [QemuIoFact]
    public void ALogQemuWroteReadsAsTheRequestsItRecorded()
    {
        var folder = Directory.CreateTempSubdirectory("sharprun-writelog-");
        try
        {
            string image = Path.Combine(folder.FullName, "disk.img"), logPath = Path.Combine(folder.FullName, "disk.log");
            File.WriteAllBytes(image, new byte[1 << 20]);
            File.WriteAllBytes(logPath, []);
            var start = new ProcessStartInfo(QemuIoFactAttribute.QemuIo) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { "--image-opts", "-c", "write -P 0x55 4096 8k", "-c", "flush", "-c", "write -z 0 1k", "-c", "discard 64k 4k", "-c", "flush",
                         $"driver=blklogwrites,file.driver=file,file.filename={image},log.driver=file,log.filename={logPath},log-sector-size=512,log-append=off" })
                start.ArgumentList.Add(argument);
            using (var process = Process.Start(start)!)
            {
                string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, output);
            }
            using var log = WriteLog.Open(logPath);
            Assert.Equal(
                [(8L, 16L, WriteLogFlags.None), (0, 0, WriteLogFlags.Flush), (0, 2, WriteLogFlags.None), (128, 8, WriteLogFlags.Discard), (0, 0, WriteLogFlags.Flush)],
                log.Entries.Select(entry => (entry.Sector, entry.SectorCount, entry.Flags)));
            Assert.Equal(Sectors(16, 0x55), log.ReadData(log.Entries[0]));
            // QEMU logs a write of zeros with its zeros.
            Assert.Equal(new byte[1024], log.ReadData(log.Entries[2]));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
