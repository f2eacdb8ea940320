using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// A disk's writes and flushes as QEMU's blklogwrites driver records them, in the format of Linux's dm-log-writes
/// (QEMU's block/blklogwrites.c, Linux's drivers/md/dm-log-writes.c); every field little-endian. Sector 0 holds the
/// superblock {magic u64, version u64, nr_entries u64, sectorsize u32}; entries follow from sector 1, each taking one
/// sector for {sector u64, nr_sectors u64, flags u64, data_len u64} (a mark's name in the data_len bytes after it) and,
/// unless it is a discard, nr_sectors more for the data written. Sector numbers and counts are in the log's sector
/// size (QEMU's log-sector-size). Only the superblock's nr_entries count: QEMU rewrites it at each flush and every
/// few thousand writes, so whatever lies beyond is what a crash of QEMU itself would have left unaccounted.
/// Anything that does not fit the format is refused with an <see cref="InvalidDataException"/> naming the entry and
/// where it is, never read past or trusted for an allocation.
/// </summary>
public sealed class WriteLog : IDisposable
{
    public const ulong Magic = 0x6A736677736872;
    public const ulong SupportedVersion = 1;
    public const int SuperblockBytes = 28;
    public const int EntryHeaderBytes = 32;

    /// <summary>QEMU takes sector sizes below 2^24 that hold an entry header; this reader takes the same.</summary>
    private const int LargestSectorSize = 1 << 23;

    private readonly Stream _stream;

    private WriteLog(Stream stream, int sectorSize, IReadOnlyList<WriteLogEntry> entries)
    {
        _stream = stream;
        SectorSize = sectorSize;
        Entries = entries;
    }

    public int SectorSize { get; }

    public IReadOnlyList<WriteLogEntry> Entries { get; }

    public static WriteLog Open(string path) => Read(File.OpenRead(path));

    /// <summary>Reads the log's superblock and entry headers; the log keeps <paramref name="stream"/> (seekable) for the data.</summary>
    public static WriteLog Read(Stream stream)
    {
        try
        {
            return Parse(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The data <paramref name="entry"/> wrote: <see cref="WriteLogEntry.SectorCount"/> sectors.</summary>
    public byte[] ReadData(WriteLogEntry entry)
    {
        if (!entry.HasData)
            return [];
        var data = new byte[entry.SectorCount * SectorSize];
        _stream.Position = entry.DataOffset;
        _stream.ReadExactly(data);
        return data;
    }

    public void Dispose() => _stream.Dispose();

    private static WriteLog Parse(Stream stream)
    {
        long length = stream.Length;
        if (length < SuperblockBytes)
            throw new InvalidDataException($"not a write log: {length} bytes, shorter than the {SuperblockBytes}-byte superblock (QEMU writes it at the first flush)");
        Span<byte> superblock = stackalloc byte[SuperblockBytes];
        stream.Position = 0;
        stream.ReadExactly(superblock);
        ulong magic = BinaryPrimitives.ReadUInt64LittleEndian(superblock);
        if (magic != Magic)
            throw new InvalidDataException($"not a write log: magic 0x{magic:x}, expected 0x{Magic:x}");
        ulong version = BinaryPrimitives.ReadUInt64LittleEndian(superblock[8..]);
        if (version != SupportedVersion)
            throw new InvalidDataException($"write log version {version} is not supported (only {SupportedVersion})");
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(superblock[16..]);
        uint sectorSize = BinaryPrimitives.ReadUInt32LittleEndian(superblock[24..]);
        if (!BitOperations.IsPow2(sectorSize) || sectorSize < EntryHeaderBytes || sectorSize > LargestSectorSize)
            throw new InvalidDataException($"write log sector size {sectorSize} is not a power of two from {EntryHeaderBytes} to {LargestSectorSize}");
        // Every entry takes at least its header's sector, so the file's size bounds the count before anything is allocated.
        long room = length / sectorSize - 1;
        if (count > (ulong)Math.Max(room, 0))
            throw new InvalidDataException($"write log truncated: the superblock counts {count} entries, but {length} bytes hold at most {Math.Max(room, 0)}");
        if (count > int.MaxValue)
            throw new InvalidDataException($"write log of {count} entries: more than this reader takes");
        return new WriteLog(stream, (int)sectorSize, ReadEntries(stream, (int)count, (int)sectorSize, length));
    }

    private static List<WriteLogEntry> ReadEntries(Stream stream, int count, int sectorSize, long length)
    {
        var entries = new List<WriteLogEntry>();
        var header = new byte[sectorSize];
        long position = sectorSize;
        for (int index = 0; index < count; index++)
        {
            if (position > length - sectorSize)
                throw new InvalidDataException($"write log truncated: entry {index} of {count} would start at byte {position}, the log ends at {length}");
            stream.Position = position;
            stream.ReadExactly(header);
            var entry = ParseEntry(index, header, position + sectorSize, sectorSize);
            long dataSectors = entry.HasData ? entry.SectorCount : 0;
            if (dataSectors > (length - entry.DataOffset) / sectorSize)
                throw new InvalidDataException($"write log truncated: entry {index}'s {dataSectors} sectors of data from byte {entry.DataOffset} run past the log's end at {length}");
            entries.Add(entry);
            position = entry.DataOffset + dataSectors * sectorSize;
        }
        return entries;
    }

    private static WriteLogEntry ParseEntry(int index, ReadOnlySpan<byte> header, long dataOffset, int sectorSize)
    {
        ulong sector = BinaryPrimitives.ReadUInt64LittleEndian(header);
        ulong sectors = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        var flags = (WriteLogFlags)BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        ulong dataLength = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
        const WriteLogFlags Known = WriteLogFlags.Flush | WriteLogFlags.Fua | WriteLogFlags.Discard | WriteLogFlags.Mark | WriteLogFlags.Metadata;
        if ((flags & ~Known) != 0)
            throw new InvalidDataException($"write log entry {index} at byte {dataOffset - sectorSize}: unknown flags 0x{(ulong)flags:x}");
        // The disk's byte range, and one entry's data, must be addressable: a .NET array holds the data.
        ulong lastByte = (ulong)long.MaxValue / (ulong)sectorSize;
        if (sector > lastByte || sectors > lastByte - sector)
            throw new InvalidDataException($"write log entry {index}: sectors {sector} + {sectors} lie beyond any disk");
        if (!flags.HasFlag(WriteLogFlags.Discard) && sectors * (ulong)sectorSize > (ulong)Array.MaxLength)
            throw new InvalidDataException($"write log entry {index}: {sectors} sectors of data in one write are more than this reader takes");
        if (dataLength > (ulong)(sectorSize - EntryHeaderBytes))
            throw new InvalidDataException($"write log entry {index}: {dataLength} bytes of entry data do not fit in its {sectorSize}-byte sector");
        string? mark = flags.HasFlag(WriteLogFlags.Mark)
            ? Encoding.UTF8.GetString(header.Slice(EntryHeaderBytes, (int)dataLength))
            : null;
        return new WriteLogEntry(index, (long)sector, (long)sectors, flags, dataOffset, mark);
    }
}
