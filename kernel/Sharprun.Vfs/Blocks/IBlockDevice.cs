namespace Sharprun.Vfs.Blocks;

/// <summary>
/// A disk as file systems see it: whole sectors read and written synchronously (the platform's asynchronous
/// requests complete underneath), and a flush that returns once everything written before it is durable.
/// Implementations: the kernel's virtio-blk and blkfront disks, image files on the host, the block cache (which
/// wraps another device), and test doubles that record or fail writes.
/// </summary>
public interface IBlockDevice
{
    /// <summary>512 or 4096.</summary>
    int SectorSize { get; }

    long SectorCount { get; }

    bool IsReadOnly { get; }

    /// <summary>Reads <c>buffer.Length / SectorSize</c> sectors from <paramref name="sector"/>; the length is a multiple of the sector size.</summary>
    FsError Read(long sector, Span<byte> buffer);

    /// <summary>Writes whole sectors; <see cref="FsError.ReadOnly"/> on a read-only device.</summary>
    FsError Write(long sector, ReadOnlySpan<byte> data);

    /// <summary>
    /// Writes whole sectors whose order relative to other writes does not matter — figures a file-system checker
    /// recomputes, such as ext2's free counts — so a cache that keeps the order of changes may hold them back and
    /// coalesce them until the next flush. A device without such a cache just writes them.
    /// </summary>
    FsError WriteUnordered(long sector, ReadOnlySpan<byte> data) => Write(sector, data);

    /// <summary>
    /// Says a file system starts an operation (a create, a write, an unlink...). A file system writes the blocks of
    /// one operation in its crash-safe order, and its rules (the inode before the entry naming it, the pointer cleared
    /// before the block is freed) relate the writes of one operation only: one that changes a block an earlier one
    /// changed inherits that block's order. So a cache that keeps the order of writes need not order an operation's
    /// writes after those of the operations before it, except through the blocks they share. A device without such a
    /// cache ignores it.
    /// </summary>
    void StartOperation()
    {
    }

    /// <summary>Makes every completed write durable (virtio-blk FLUSH).</summary>
    FsError Flush();
}
