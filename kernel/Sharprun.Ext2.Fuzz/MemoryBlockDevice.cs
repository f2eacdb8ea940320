using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Fuzz;

/// <summary>A fuzzed image held in memory: no file per image, so a million of them cost only copies.</summary>
public sealed class MemoryBlockDevice(byte[] image, bool readOnly) : IBlockDevice
{
    public int SectorSize => 512;

    public long SectorCount => image.Length / SectorSize;

    public bool IsReadOnly => readOnly;

    public FsError Read(long sector, Span<byte> buffer)
    {
        if (!InRange(sector, buffer.Length))
        {
            return FsError.IoError;
        }
        image.AsSpan((int)(sector * SectorSize), buffer.Length).CopyTo(buffer);
        return FsError.Success;
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        if (readOnly)
        {
            return FsError.ReadOnly;
        }
        if (!InRange(sector, data.Length))
        {
            return FsError.IoError;
        }
        data.CopyTo(image.AsSpan((int)(sector * SectorSize)));
        return FsError.Success;
    }

    public FsError Flush() => FsError.Success;

    // A request outside the device is the file system's bug, but one a real disk would answer with an I/O error.
    private bool InRange(long sector, int length) =>
        sector >= 0 && length % SectorSize == 0 && sector + length / SectorSize <= SectorCount;
}
