using System.Buffers.Binary;
using System.Text;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>Hand-made write logs for the reader's and replayer's tests, well-formed or deliberately not.</summary>
internal sealed class WriteLogBuilder(int sectorSize = 512)
{
    private readonly MemoryStream _entries = new();
    private ulong _count;

    public WriteLogBuilder Write(long sector, byte[] data) => Entry((ulong)sector, (ulong)(data.Length / sectorSize), WriteLogFlags.None, 0, [], data);

    public WriteLogBuilder Flush() => Entry(0, 0, WriteLogFlags.Flush, 0, [], []);

    public WriteLogBuilder Discard(long sector, long sectors) => Entry((ulong)sector, (ulong)sectors, WriteLogFlags.Discard, 0, [], []);

    public WriteLogBuilder Mark(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        return Entry(0, 0, WriteLogFlags.Mark, (ulong)bytes.Length, bytes, []);
    }

    /// <summary>An entry exactly as given: its header fields, the bytes after the header in its sector, and what follows.</summary>
    public WriteLogBuilder Entry(ulong sector, ulong sectors, WriteLogFlags flags, ulong dataLength, byte[] inline, byte[] data)
    {
        var header = new byte[sectorSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, sector);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), sectors);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(16), (ulong)flags);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), dataLength);
        inline.CopyTo(header, WriteLog.EntryHeaderBytes);
        _entries.Write(header);
        _entries.Write(data);
        _count++;
        return this;
    }

    /// <summary>The log: superblock (its fields overridable), then the entries, cut to <paramref name="length"/> bytes if given.</summary>
    public byte[] Build(ulong? count = null, ulong magic = WriteLog.Magic, ulong version = WriteLog.SupportedVersion, uint? superSectorSize = null, int? length = null)
    {
        var log = new byte[sectorSize + _entries.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(log, magic);
        BinaryPrimitives.WriteUInt64LittleEndian(log.AsSpan(8), version);
        BinaryPrimitives.WriteUInt64LittleEndian(log.AsSpan(16), count ?? _count);
        BinaryPrimitives.WriteUInt32LittleEndian(log.AsSpan(24), superSectorSize ?? (uint)sectorSize);
        _entries.ToArray().CopyTo(log, sectorSize);
        return length is { } cut ? log[..cut] : log;
    }
}
