using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>An image held in memory, for the hostile and fuzzed images (no file per case).</summary>
internal sealed class MemoryBlockDevice(byte[] image) : IBlockDevice
{
    public int SectorSize => 512;

    public long SectorCount => image.Length / SectorSize;

    public bool IsReadOnly => false;

    public FsError Read(long sector, Span<byte> buffer)
    {
        if (sector < 0 || buffer.Length % SectorSize != 0 || sector + buffer.Length / SectorSize > SectorCount)
        {
            return FsError.IoError;
        }
        image.AsSpan((int)(sector * SectorSize), buffer.Length).CopyTo(buffer);
        return FsError.Success;
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        if (sector < 0 || data.Length % SectorSize != 0 || sector + data.Length / SectorSize > SectorCount)
        {
            return FsError.IoError;
        }
        data.CopyTo(image.AsSpan((int)(sector * SectorSize)));
        return FsError.Success;
    }

    public FsError Flush() => FsError.Success;
}
