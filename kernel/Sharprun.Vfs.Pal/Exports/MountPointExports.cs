using System.Runtime;
using System.Text;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// pal_mount.h, what DriveInfo asks: the mount points, and statfs of one. There is no /proc/self/mountinfo, so
/// DriveInfo takes the native path for the file system's name, and is given it the way BSDs give it (the name in
/// the buffer, type -1): "tmpfs", "ext2", "ext4", so DriveFormat and DriveType read as they do on Linux.
/// </summary>
public static unsafe class MountPointExports
{
    /// <summary>The type given with a file system name in the buffer, rather than a statfs magic.</summary>
    private const long NamedFormat = -1;

    /// <summary>One call of <paramref name="onFound"/> per mount point, the root first; 0, or -1 with errno.</summary>
    [RuntimeExport("SystemNative_GetAllMountPoints")]
    public static int GetAllMountPoints(delegate* unmanaged<void*, byte*, void> onFound, void* context)
    {
        if (onFound == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        var paths = new List<string>();
        FsError error = KernelFileSystem.Tree.MountPoints(paths);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        foreach (string path in paths)
        {
            byte[] terminated = Encoding.UTF8.GetBytes(path + "\0");
            fixed (byte* name = terminated)
                onFound(context, name);
        }
        return 0;
    }

    /// <summary>statfs(2) in bytes; on failure the figures are zeroed and -1 returned with errno.</summary>
    [RuntimeExport("SystemNative_GetSpaceInfoForMountPoint")]
    public static int GetSpaceInfoForMountPoint(byte* name, MountPointInformation* information)
    {
        if (name == null || information == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        *information = default;
        FsError error = KernelFileSystem.Tree.StatFs(PathExports.Span(name), out FileSystemStatistics statistics);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        ulong blockSize = (ulong)statistics.BlockSize;
        information->AvailableFreeSpace = blockSize * (ulong)statistics.AvailableBlocks;
        information->TotalFreeSpace = blockSize * (ulong)statistics.FreeBlocks;
        information->TotalSize = blockSize * (ulong)statistics.TotalBlocks;
        return 0;
    }

    /// <summary>The file system's type name, NUL-terminated in the buffer (ERANGE when it does not fit), with type -1.</summary>
    [RuntimeExport("SystemNative_GetFileSystemTypeNameForMountPoint")]
    public static int GetFileSystemTypeNameForMountPoint(byte* name, byte* formatNameBuffer, int bufferLength, long* formatType)
    {
        if (name == null || formatNameBuffer == null || formatType == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        *formatType = 0;
        if (bufferLength <= 0)
            return PalErrors.Fail(LinuxErrno.EINVAL);
        FsError error = KernelFileSystem.Tree.MountedFileSystemOf(PathExports.Span(name), out IFileSystem? fileSystem);
        if (error != FsError.Success)
            return FileErrors.Result(error);
        if (!CString.CopyTerminated(Encoding.UTF8.GetBytes(fileSystem!.TypeName), formatNameBuffer, bufferLength))
            return PalErrors.Fail(LinuxErrno.ERANGE);
        *formatType = NamedFormat;
        return 0;
    }
}
