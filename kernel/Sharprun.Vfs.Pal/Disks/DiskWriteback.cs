using Sharprun.Kernel.Diagnostics;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Disks;

/// <summary>
/// Writes dirty disk blocks back every <see cref="Interval"/>, as Linux's flusher threads do, so what a program
/// wrote reaches its disk within seconds even if the guest is then stopped from outside. Only a disk whose
/// cache holds changes is synced: an idle disk sees no writes.
/// </summary>
internal static class DiskWriteback
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static void Start(VirtualFileSystem tree, List<MountedDisk> disks)
    {
        var thread = new Thread(() => Run(tree, disks)) { IsBackground = true, Name = "writeback" };
        thread.Start();
    }

    private static void Run(VirtualFileSystem tree, List<MountedDisk> disks)
    {
        while (true)
        {
            Thread.Sleep(Interval);
            lock (tree.Sync)
            {
                foreach (MountedDisk disk in disks)
                {
                    if (disk.Cache.DirtyBlocks == 0)
                        continue;
                    FsError error = disk.FileSystem.Sync();
                    if (error != FsError.Success)
                        KernelLog.Write($"fs: writing a disk back failed: {FileErrors.Describe(error)}\n");
                }
            }
        }
    }
}
