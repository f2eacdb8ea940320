using Sharprun.Ext2;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Memory;
using Sharprun.Kernel.Pal;
using Sharprun.Kernel.Startup;
using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Mounts;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Disks;

/// <summary>
/// The disks the boot configuration names (kernel option <c>fs.mounts=</c>, written by <c>sharprun run --disk</c>),
/// mounted into the tree when it is made: each behind a write-back block cache, its file system detected from the
/// superblock (ext2 read-write; ext3/ext4 read-only). A disk that is missing or holds no file system the kernel
/// reads stops the guest with the reason, rather than letting the application write into tmpfs where it
/// expected its disk. The disks are written back every few seconds while dirty, and left clean when the
/// application ends (<see cref="ProcessEnd"/>), so a disk from a guest that exited passes e2fsck.
/// </summary>
internal static class DiskMounts
{
    private const uint MountPointPermissions = 0x1ED; // 0755
    private const long LargestCache = 64L << 20;

    public static void MountAll(VirtualFileSystem tree)
    {
        IReadOnlyList<DiskMountRequest> requests;
        try
        {
            requests = DiskMountRequest.ParseList(OptionValue());
        }
        catch (FormatException e)
        {
            Panic.Fail(e.Message);
            return;
        }
        if (requests.Count == 0)
            return;
        var disks = new List<MountedDisk>();
        int available = Hypercalls.BlockDeviceCount;
        foreach (DiskMountRequest request in requests)
        {
            if (request.Disk >= available)
                Panic.Fail($"fs: no disk {request.Disk} to mount at {request.Path}: the machine has {available} disk(s)");
            disks.Add(Mount(tree, request));
        }
        ProcessEnd.Register(() => UnmountAll(tree, disks));
        DiskWriteback.Start(tree, disks);
    }

    private static MountedDisk Mount(VirtualFileSystem tree, DiskMountRequest request)
    {
        var device = new HypercallBlockDevice(request.Disk);
        var cache = new CachedBlockDevice(device, CacheBytes(), Math.Max(4096, device.SectorSize));
        FsError error = Ext2FileSystem.TryMount(cache, request.ReadOnly || device.IsReadOnly, out Ext2FileSystem? fileSystem, out string message);
        if (error != FsError.Success || fileSystem is null)
            Panic.Fail($"fs: cannot mount disk {request.Disk} at {request.Path}: {message}");
        if (!string.IsNullOrEmpty(message))
            KernelLog.Write($"fs: {request.Path}: {message}\n");
        error = MakeMountPoint(tree, request.Path);
        if (error == FsError.Success)
            error = tree.Mount(System.Text.Encoding.UTF8.GetBytes(request.Path), fileSystem!);
        if (error != FsError.Success)
            Panic.Fail($"fs: cannot mount disk {request.Disk} at {request.Path}: {FileErrors.Describe(error)}");
        KernelLog.Write($"fs: {request.Path}: {fileSystem!.TypeName} on disk {request.Disk}, {(fileSystem.IsReadOnly ? "read-only" : "read-write")}\n");
        return new MountedDisk(fileSystem, cache);
    }

    /// <summary>mkdir -p in the tmpfs root: the mount point's missing directories, 0755 like those a Linux image ships.</summary>
    private static FsError MakeMountPoint(VirtualFileSystem tree, string path)
    {
        int next = 0;
        while ((next = path.IndexOf('/', next + 1)) >= 0 || next == -1)
        {
            string prefix = next < 0 ? path : path[..next];
            FsError error = tree.MakeDirectory(System.Text.Encoding.UTF8.GetBytes(prefix), MountPointPermissions);
            if (error is not (FsError.Success or FsError.Exists))
                return error;
            if (next < 0)
                return FsError.Success;
        }
        return FsError.Success;
    }

    /// <summary>An eighth of memory, at most 64 MiB: enough to batch a program's writes, little enough for small guests.</summary>
    private static long CacheBytes() => Math.Min(LargestCache, (long)(PageMemory.TotalBytes / 8));

    /// <summary>Unmounts innermost first, writing everything back; a disk that fails is named and the others still unmount.</summary>
    private static void UnmountAll(VirtualFileSystem tree, List<MountedDisk> disks)
    {
        lock (tree.Sync)
        {
            for (int i = disks.Count - 1; i >= 0; i--)
            {
                FsError error = disks[i].FileSystem.Unmount();
                if (error != FsError.Success)
                    KernelLog.Write($"fs: writing a disk back at exit failed: {FileErrors.Describe(error)}\n");
            }
        }
    }

    private static unsafe ReadOnlySpan<byte> OptionValue()
    {
        byte* line = Hypercalls.CommandLine;
        int length = 0;
        while (line[length] != 0)
            length++;
        return new ReadOnlySpan<byte>(line, length)[KernelOptions.Mounts];
    }
}
