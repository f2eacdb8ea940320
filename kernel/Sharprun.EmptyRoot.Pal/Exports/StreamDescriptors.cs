using System.Runtime;
using Sharprun.Kernel.Pal;

namespace Sharprun.EmptyRoot.Pal.Exports;

/// <summary>
/// The descriptor calls of pal_io.h that only files give meaning to, in an image without files: every descriptor is
/// a console stream or a socket, which behave like pipes, so these get the answers Linux gives for a pipe.
/// </summary>
public static unsafe class StreamDescriptors
{
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockUnlock = 8;

    private const int SeekSet = 0;
    private const int SeekEnd = 2;

    [RuntimeExport("SystemNative_PRead")]
    public static int PRead(nint fd, byte* buffer, int count, long fileOffset)
    {
        if (DescriptorTable.Get(fd) == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (count < 0 || fileOffset < 0)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        // Console streams and sockets have no offsets.
        return PalErrors.Fail(LinuxErrno.ESPIPE);
    }

    [RuntimeExport("SystemNative_LSeek")]
    public static long LSeek(nint fd, long offset, int whence)
    {
        if (DescriptorTable.Get(fd) == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (whence < SeekSet || whence > SeekEnd)
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        return PalErrors.Fail(LinuxErrno.ESPIPE);
    }

    /// <summary>
    /// Advisory locks. With one process, every lock on a stream is granted at once (duplicates share their lock, as
    /// flock's do).
    /// </summary>
    [RuntimeExport("SystemNative_FLock")]
    public static int FLock(nint fd, int operation)
    {
        if (DescriptorTable.Get(fd) == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        int mode = operation & ~LockNonBlocking;
        if (mode is not (LockShared or LockExclusive or LockUnlock))
        {
            return PalErrors.Fail(LinuxErrno.EINVAL);
        }

        return 0;
    }

    [RuntimeExport("SystemNative_FStat")]
    public static int FStat(nint fd, FileStatus* output)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
        {
            return PalErrors.Fail(LinuxErrno.EBADF);
        }

        if (output == null)
        {
            return PalErrors.Fail(LinuxErrno.EFAULT);
        }

        return StreamStatus.Describe(fd, kind, output) ? 0 : PalErrors.Fail(LinuxErrno.EBADF);
    }
}
