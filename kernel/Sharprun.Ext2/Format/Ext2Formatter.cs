using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Format;

/// <summary>
/// Writes a fresh ext2 file system onto a device, as <c>mke2fs -t ext2</c> would for a small disk: revision 1,
/// 256-byte inodes, features filetype, sparse_super, large_file and ext_attr (no dir_index, no resize_inode), 5%
/// reserved blocks, a root directory and a lost+found with its blocks preallocated. Only metadata is written
/// (superblocks, descriptor tables, bitmaps, zeroed inode tables, the two directories); data blocks are left as they are.
/// </summary>
public static class Ext2Formatter
{
    /// <summary>Formats <paramref name="device"/>; a refusal (device too small or read-only, bad block size) says why in <paramref name="message"/>.</summary>
    public static FsError Format(IBlockDevice device, Ext2FormatOptions options, out string message)
    {
        var deviceBytes = device.SectorCount * device.SectorSize;
        var blockSize = options.BlockSize ?? FormatGeometry.DefaultBlockSize(deviceBytes);
        if (blockSize is not (1024 or 2048 or 4096))
        {
            message = $"ext2: block size {blockSize} is not 1024, 2048 or 4096";
            return FsError.InvalidArgument;
        }
        if (blockSize % device.SectorSize != 0)
        {
            message = $"ext2: block size {blockSize} is not a multiple of the device's sector size {device.SectorSize}";
            return FsError.InvalidArgument;
        }
        if (device.IsReadOnly)
        {
            message = "ext2: the device is read-only";
            return FsError.ReadOnly;
        }
        var geometry = FormatGeometry.TryCompute(deviceBytes, blockSize, out message);
        if (geometry is null)
        {
            return FsError.NoSpace;
        }
        var now = (options.Clock ?? HostTime)();
        var writer = new FormatWriter(device, geometry, options.Uuid ?? Guid.NewGuid(), now);
        var error = writer.Write();
        if (error != FsError.Success)
        {
            message = $"ext2: writing the file system failed ({error})";
        }
        return error;
    }

    private static long HostTime() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
}
