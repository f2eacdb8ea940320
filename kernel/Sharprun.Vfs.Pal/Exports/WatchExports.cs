using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// inotify as pal_io.h exposes it (what FileSystemWatcher uses): masks are Linux's and pass through to the faction's
/// watch table; the events are read with the kernel's SystemNative_Read and polled with SystemNative_Poll.
/// </summary>
public static unsafe class WatchExports
{
    [RuntimeExport("SystemNative_INotifyInit")]
    public static nint INotifyInit()
    {
        VirtualFileSystem tree = KernelFileSystem.Tree;
        FsError error = tree.CreateWatchInstance(out WatchInstance? instance);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        nint fd = DescriptorTable.Install(new WatchDescription(tree, instance!));
        if (fd >= 0)
            return fd;
        instance!.Close();
        return PalErrors.Fail(LinuxErrno.EMFILE);
    }

    /// <summary>inotify_add_watch(2): the watch descriptor, the same for a node already watched by this instance.</summary>
    [RuntimeExport("SystemNative_INotifyAddWatch")]
    public static int INotifyAddWatch(nint fd, byte* pathName, uint mask)
    {
        LinuxErrno found = WatchDescription.Find(fd, out WatchDescription? description);
        if (found != 0)
            return PalErrors.Fail(found);
        if (pathName == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        FsError error = description!.Instance.AddWatch(PathExports.Span(pathName), mask, out int descriptor);
        return error == FsError.Success ? descriptor : FileErrors.Result(error);
    }

    [RuntimeExport("SystemNative_INotifyRemoveWatch")]
    public static int INotifyRemoveWatch(nint fd, int wd)
    {
        LinuxErrno found = WatchDescription.Find(fd, out WatchDescription? description);
        return found != 0 ? PalErrors.Fail(found) : FileErrors.Result(description!.Instance.RemoveWatch(wd));
    }
}
