using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>
/// An image in memory that records every write (a copy of its data) and every flush in the order they reach it,
/// as QEMU's blklogwrites does below a guest, so a test can rebuild each state the image passed through.
/// </summary>
internal sealed class RecordingBlockDevice(byte[] image) : IBlockDevice
{
    private readonly MemoryBlockDevice _image = new(image);

    /// <summary>The writes (sector and data) and flushes (null data), oldest first.</summary>
    public List<(long Sector, byte[]? Data)> Log { get; } = [];

    public int SectorSize => _image.SectorSize;

    public long SectorCount => _image.SectorCount;

    public bool IsReadOnly => false;

    public FsError Read(long sector, Span<byte> buffer) => _image.Read(sector, buffer);

    public FsError Write(long sector, ReadOnlySpan<byte> data)
    {
        FsError error = _image.Write(sector, data);
        if (error == FsError.Success)
            Log.Add((sector, data.ToArray()));
        return error;
    }

    public FsError Flush()
    {
        Log.Add((0, null));
        return FsError.Success;
    }
}
