namespace Sharprun.Vfs.Nodes;

/// <summary>
/// One mounted file system (tmpfs, the baked image file system, ext2/ext4). It is called under the VFS's lock, one
/// caller at a time, so implementations need no locking of their own; calls may block on their block device.
/// </summary>
public interface IFileSystem
{
    /// <summary>The type name as /proc/mounts shows it: "tmpfs", "ext2", "ext4".</summary>
    string TypeName { get; }

    /// <summary>Linux's statfs f_type for this file system (TMPFS_MAGIC 0x01021994, EXT2_SUPER_MAGIC 0xEF53).</summary>
    long Magic { get; }

    /// <summary>Mounted read-only: every change answers <see cref="FsError.ReadOnly"/>.</summary>
    bool IsReadOnly { get; }

    INode Root { get; }

    FsError GetStatistics(out FileSystemStatistics statistics);

    /// <summary>Writes back everything changed and flushes the device (sync(2)).</summary>
    FsError Sync();

    /// <summary>Syncs and leaves the file system clean on its device; no call follows.</summary>
    FsError Unmount();
}
