using System.Runtime;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// fcntl's descriptor and file status flags as pal_io.h exposes them. O_NONBLOCK belongs to the open file
/// description (sockets); the console streams never block on output and are always blocking on input.
/// </summary>
public static unsafe class PalDescriptorFlags
{
    /// <summary>FD_CLOEXEC: every descriptor has it, as the PAL opens them all close-on-exec (and nothing execs).</summary>
    private const int CloseOnExec = 1;

    [RuntimeExport("SystemNative_FcntlGetFD")]
    public static int GetFD(nint fd) =>
        DescriptorTable.Get(fd) == DescriptorKind.Closed ? PalErrors.Fail(LinuxErrno.EBADF) : CloseOnExec;

    [RuntimeExport("SystemNative_FcntlGetIsNonBlocking")]
    public static int GetIsNonBlocking(nint fd, int* isNonBlocking)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
            return PalErrors.Fail(LinuxErrno.EBADF);
        if (isNonBlocking == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        *isNonBlocking = DescriptorTable.GetDescription(fd)?.IsNonBlocking == true ? 1 : 0;
        return 0;
    }

    [RuntimeExport("SystemNative_FcntlSetIsNonBlocking")]
    public static int SetIsNonBlocking(nint fd, int isNonBlocking)
    {
        DescriptorKind kind = DescriptorTable.Get(fd);
        if (kind == DescriptorKind.Closed)
            return PalErrors.Fail(LinuxErrno.EBADF);
        if (DescriptorTable.GetDescription(fd) is { } description)
        {
            description.IsNonBlocking = isNonBlocking != 0;
            return 0;
        }

        // A console stream: blocking is all it offers, so only clearing the flag is honest.
        return isNonBlocking == 0 ? 0 : PalErrors.Fail(LinuxErrno.EINVAL);
    }
}
