using System.Runtime;
using Sharprun.Kernel.Pal;

namespace Sharprun.EmptyRoot.Pal.Exports;

/// <summary>
/// Descriptor operations that only make sense on regular files, in an image without files: the open descriptors are
/// console streams and sockets, which behave like pipes, so the answers are the ones Linux gives for a pipe.
/// </summary>
public static unsafe class PalFileOperations
{
    [RuntimeExport("SystemNative_FTruncate")]
    public static int FTruncate(nint fd, long length) =>
        PalErrors.Fail(IsOpen(fd) ? LinuxErrno.EINVAL : LinuxErrno.EBADF);

    [RuntimeExport("SystemNative_FAllocate")]
    public static int FAllocate(nint fd, long offset, long length) =>
        PalErrors.Fail(IsOpen(fd) ? LinuxErrno.ESPIPE : LinuxErrno.EBADF);

    /// <summary>Returns an errno value (0 on success), as posix_fadvise does.</summary>
    [RuntimeExport("SystemNative_PosixFAdvise")]
    public static int PosixFAdvise(nint fd, long offset, long length, int advice) =>
        (int)(IsOpen(fd) ? LinuxErrno.ESPIPE : LinuxErrno.EBADF);

    [RuntimeExport("SystemNative_GetFileSystemType")]
    public static long GetFileSystemType(nint fd)
    {
        if (IsOpen(fd))
            return FileStatus.PipeFileSystemType;
        PalErrors.SetError(LinuxErrno.EBADF);
        return -1;
    }

    private static bool IsOpen(nint fd) => DescriptorTable.Get(fd) != DescriptorKind.Closed;
}
