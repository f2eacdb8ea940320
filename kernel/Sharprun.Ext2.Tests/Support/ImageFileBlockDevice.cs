using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>A disk image file on the host as a 512-byte-sector device.</summary>
internal sealed class ImageFileBlockDevice : IBlockDevice, IDisposable
{
    private readonly FileStream _file;

    public ImageFileBlockDevice(string path, bool readOnly = false)
    {
        IsReadOnly = readOnly;
        _file = new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite);
    }

    public int SectorSize => 512;

    public long SectorCount => _file.Length / SectorSize;

    public bool IsReadOnly { get; }

    public FsError Read(long sector, Span<byte> buffer)
    {
        if (sector < 0 || buffer.Length % SectorSize != 0 || sector + buffer.Length / SectorSize > SectorCount)
        {
            return FsError.IoError;
        }
        _file.Position = sector * SectorSize;
        _file.ReadExactly(buffer);
        return FsError.Success;
    }

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        if (IsReadOnly)
        {
            return FsError.ReadOnly;
        }
        if (sector < 0 || data.Length % SectorSize != 0 || sector + data.Length / SectorSize > SectorCount)
        {
            return FsError.IoError;
        }
        _file.Position = sector * SectorSize;
        _file.Write(data);
        return FsError.Success;
    }

    public FsError Flush()
    {
        _file.Flush(true);
        return FsError.Success;
    }

    public void Dispose() => _file.Dispose();
}
