using System.Runtime;
using Sharprun.Kernel.Pal;

namespace Sharprun.EmptyRoot.Pal.Exports;

/// <summary>
/// Directory enumeration and symbolic links of pal_io.h in an image without the VFS. The file system is an empty
/// root, so opening any directory or link fails with ENOENT (what CoreLib sees for a missing path).
/// </summary>
public static unsafe class PalDirectories
{
    [RuntimeExport("SystemNative_OpenDir")]
    public static nint OpenDir(byte* path)
    {
        PalErrors.SetError(path == null ? LinuxErrno.EFAULT : LinuxErrno.ENOENT);
        return 0;
    }

    /// <summary>Returns an errno value (not -1, which means the end) on failure: no handle is ever valid.</summary>
    [RuntimeExport("SystemNative_ReadDir")]
    public static int ReadDir(nint directory, void* entry) => (int)LinuxErrno.EBADF;

    [RuntimeExport("SystemNative_CloseDir")]
    public static int CloseDir(nint directory) => PalErrors.Fail(LinuxErrno.EBADF);

    [RuntimeExport("SystemNative_ReadLink")]
    public static int ReadLink(byte* path, byte* buffer, int bufferSize) =>
        PalErrors.Fail(path == null ? LinuxErrno.EFAULT : LinuxErrno.ENOENT);
}
