using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Hypercall.Hosted.Storage;

/// <summary>
/// A disk image file on the host as a 512-byte-sector device: what the ext2 faction's tests and the toolchain's
/// <c>disk</c> commands mount. A trailing partial sector is not part of the device.
/// </summary>
public sealed class ImageFileBlockDevice : IBlockDevice, IDisposable
{
    private readonly FileStream _file;

    /// <summary>Opens an existing image; read-only opens it for reading only, so a write answers <see cref="FsError.ReadOnly"/>.</summary>
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
        if (!InRange(sector, buffer.Length))
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
        if (!InRange(sector, data.Length))
        {
            return FsError.IoError;
        }
        _file.Position = sector * SectorSize;
        _file.Write(data);
        return FsError.Success;
    }

    /// <summary>Down to the host's disk (fsync), as virtio-blk FLUSH promises.</summary>
    public FsError Flush()
    {
        if (!IsReadOnly)
        {
            _file.Flush(true);
        }
        return FsError.Success;
    }

    public void Dispose() => _file.Dispose();

    private bool InRange(long sector, int length) =>
        sector >= 0 && length % SectorSize == 0 && sector + length / SectorSize <= SectorCount;
}
