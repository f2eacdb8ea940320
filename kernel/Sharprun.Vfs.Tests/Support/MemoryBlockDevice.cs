using Sharprun.Vfs.Blocks;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>A disk in an array that counts the sectors written to it and the order of the writes.</summary>
internal sealed class MemoryBlockDevice(int sectorSize, long sectorCount) : IBlockDevice
{
    public byte[] Contents { get; } = new byte[sectorSize * sectorCount];

    public List<long> WrittenSectors { get; } = [];

    public int Reads { get; private set; }

    public int Flushes { get; private set; }

    public int SectorSize => sectorSize;

    public long SectorCount => sectorCount;

    public bool IsReadOnly { get; init; }

    public FsError Read(long sector, Span<byte> buffer)
    {
        Reads++;
        Contents.AsSpan((int)(sector * sectorSize), buffer.Length).CopyTo(buffer);
        return FsError.Success;
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        if (IsReadOnly)
            return FsError.ReadOnly;
        WrittenSectors.Add(sector);
        data.CopyTo(Contents.AsSpan((int)(sector * sectorSize)));
        return FsError.Success;
    }

    public FsError Flush()
    {
        Flushes++;
        return FsError.Success;
    }
}
