using System;
using System.Runtime;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// errno and the PAL's error conversions and messages (pal_errno.h). Platform errors are Linux x86-64 errno values.
/// </summary>
public static unsafe class PalErrors
{
    // errno is per thread (P/Invoke stubs read it right after the call that set it, and another thread may run
    // in between). This one serves until the scheduler knows the first thread, and in host tests.
    private static int s_errnoBeforeThreads;

    private static ref int Errno
    {
        get
        {
            Threading.KernelThread* thread = Threading.Scheduler.Current;
            if (thread == null)
                return ref s_errnoBeforeThreads;
            return ref thread->Errno;
        }
    }

    private const int HostNotFoundPlatformError = -(int)PalError.EHOSTNOTFOUND;
    private const int SocketErrorPlatformError = -(int)PalError.ESOCKETERROR;

    [RuntimeExport("SystemNative_GetErrNo")]
    public static int GetErrNo() => Errno;

    [RuntimeExport("SystemNative_SetErrNo")]
    public static void SetErrNo(int errorCode) => Errno = errorCode;

    /// <summary>Sets errno and returns -1, the failure result of most PAL functions.</summary>
    internal static int Fail(LinuxErrno errno)
    {
        Errno = (int)errno;
        return -1;
    }

    /// <summary>Sets errno for functions whose failure result is not -1.</summary>
    internal static void SetError(LinuxErrno errno) => Errno = (int)errno;

    [RuntimeExport("SystemNative_ConvertErrorPlatformToPal")]
    public static int ConvertErrorPlatformToPal(int platformErrno) => (int)ToPal(platformErrno);

    [RuntimeExport("SystemNative_ConvertErrorPalToPlatform")]
    public static int ConvertErrorPalToPlatform(int error) => error switch
    {
        (int)PalError.SUCCESS => 0,
        (int)PalError.EHOSTNOTFOUND => HostNotFoundPlatformError,
        (int)PalError.ESOCKETERROR => SocketErrorPlatformError,
        _ => ToPlatform((PalError)error),
    };

    /// <summary>
    /// The message for a platform errno, copied into <paramref name="buffer"/>. Returns the buffer, or null when the
    /// message had to be truncated (the buffer then holds as much as fits) or the buffer is unusable.
    /// </summary>
    [RuntimeExport("SystemNative_StrErrorR")]
    public static byte* StrErrorR(int platformErrno, byte* buffer, int bufferSize)
    {
        if (buffer == null || bufferSize <= 0)
        {
            return null;
        }

        ReadOnlySpan<byte> message = platformErrno switch
        {
            HostNotFoundPlatformError => "Name or service not known"u8,
            SocketErrorPlatformError => "Unknown socket error"u8,
            _ => LinuxErrorMessages.For(platformErrno),
        };

        if (message.IsEmpty)
        {
            ReadOnlySpan<byte> prefix = "Unknown error "u8;
            byte* unknown = stackalloc byte[32];
            CString.CopyTerminated(prefix, unknown, 32);

            int length = prefix.Length + CString.FormatDecimal(platformErrno, unknown + prefix.Length);
            message = new ReadOnlySpan<byte>(unknown, length);
        }

        return CString.CopyTerminated(message, buffer, bufferSize) ? buffer : null;
    }

    // PAL value - PalErrorBase, then the Linux errno: one table for both directions, far smaller than two switches.
    private const int PalErrorBase = 0x10000;

    private static ReadOnlySpan<byte> PalAndPlatformPairs =>
    [
        (byte)(PalError.E2BIG - PalErrorBase), (byte)LinuxErrno.E2BIG,
        (byte)(PalError.EACCES - PalErrorBase), (byte)LinuxErrno.EACCES,
        (byte)(PalError.EADDRINUSE - PalErrorBase), (byte)LinuxErrno.EADDRINUSE,
        (byte)(PalError.EADDRNOTAVAIL - PalErrorBase), (byte)LinuxErrno.EADDRNOTAVAIL,
        (byte)(PalError.EAFNOSUPPORT - PalErrorBase), (byte)LinuxErrno.EAFNOSUPPORT,
        (byte)(PalError.EAGAIN - PalErrorBase), (byte)LinuxErrno.EAGAIN,
        (byte)(PalError.EALREADY - PalErrorBase), (byte)LinuxErrno.EALREADY,
        (byte)(PalError.EBADF - PalErrorBase), (byte)LinuxErrno.EBADF,
        (byte)(PalError.EBADMSG - PalErrorBase), (byte)LinuxErrno.EBADMSG,
        (byte)(PalError.EBUSY - PalErrorBase), (byte)LinuxErrno.EBUSY,
        (byte)(PalError.ECANCELED - PalErrorBase), (byte)LinuxErrno.ECANCELED,
        (byte)(PalError.ECHILD - PalErrorBase), (byte)LinuxErrno.ECHILD,
        (byte)(PalError.ECONNABORTED - PalErrorBase), (byte)LinuxErrno.ECONNABORTED,
        (byte)(PalError.ECONNREFUSED - PalErrorBase), (byte)LinuxErrno.ECONNREFUSED,
        (byte)(PalError.ECONNRESET - PalErrorBase), (byte)LinuxErrno.ECONNRESET,
        (byte)(PalError.EDEADLK - PalErrorBase), (byte)LinuxErrno.EDEADLK,
        (byte)(PalError.EDESTADDRREQ - PalErrorBase), (byte)LinuxErrno.EDESTADDRREQ,
        (byte)(PalError.EDOM - PalErrorBase), (byte)LinuxErrno.EDOM,
        (byte)(PalError.EDQUOT - PalErrorBase), (byte)LinuxErrno.EDQUOT,
        (byte)(PalError.EEXIST - PalErrorBase), (byte)LinuxErrno.EEXIST,
        (byte)(PalError.EFAULT - PalErrorBase), (byte)LinuxErrno.EFAULT,
        (byte)(PalError.EFBIG - PalErrorBase), (byte)LinuxErrno.EFBIG,
        (byte)(PalError.EHOSTUNREACH - PalErrorBase), (byte)LinuxErrno.EHOSTUNREACH,
        (byte)(PalError.EIDRM - PalErrorBase), (byte)LinuxErrno.EIDRM,
        (byte)(PalError.EILSEQ - PalErrorBase), (byte)LinuxErrno.EILSEQ,
        (byte)(PalError.EINPROGRESS - PalErrorBase), (byte)LinuxErrno.EINPROGRESS,
        (byte)(PalError.EINTR - PalErrorBase), (byte)LinuxErrno.EINTR,
        (byte)(PalError.EINVAL - PalErrorBase), (byte)LinuxErrno.EINVAL,
        (byte)(PalError.EIO - PalErrorBase), (byte)LinuxErrno.EIO,
        (byte)(PalError.EISCONN - PalErrorBase), (byte)LinuxErrno.EISCONN,
        (byte)(PalError.EISDIR - PalErrorBase), (byte)LinuxErrno.EISDIR,
        (byte)(PalError.ELOOP - PalErrorBase), (byte)LinuxErrno.ELOOP,
        (byte)(PalError.EMFILE - PalErrorBase), (byte)LinuxErrno.EMFILE,
        (byte)(PalError.EMLINK - PalErrorBase), (byte)LinuxErrno.EMLINK,
        (byte)(PalError.EMSGSIZE - PalErrorBase), (byte)LinuxErrno.EMSGSIZE,
        (byte)(PalError.EMULTIHOP - PalErrorBase), (byte)LinuxErrno.EMULTIHOP,
        (byte)(PalError.ENAMETOOLONG - PalErrorBase), (byte)LinuxErrno.ENAMETOOLONG,
        (byte)(PalError.ENETDOWN - PalErrorBase), (byte)LinuxErrno.ENETDOWN,
        (byte)(PalError.ENETRESET - PalErrorBase), (byte)LinuxErrno.ENETRESET,
        (byte)(PalError.ENETUNREACH - PalErrorBase), (byte)LinuxErrno.ENETUNREACH,
        (byte)(PalError.ENFILE - PalErrorBase), (byte)LinuxErrno.ENFILE,
        (byte)(PalError.ENOBUFS - PalErrorBase), (byte)LinuxErrno.ENOBUFS,
        (byte)(PalError.ENODEV - PalErrorBase), (byte)LinuxErrno.ENODEV,
        (byte)(PalError.ENOENT - PalErrorBase), (byte)LinuxErrno.ENOENT,
        (byte)(PalError.ENOEXEC - PalErrorBase), (byte)LinuxErrno.ENOEXEC,
        (byte)(PalError.ENOLCK - PalErrorBase), (byte)LinuxErrno.ENOLCK,
        (byte)(PalError.ENOLINK - PalErrorBase), (byte)LinuxErrno.ENOLINK,
        (byte)(PalError.ENOMEM - PalErrorBase), (byte)LinuxErrno.ENOMEM,
        (byte)(PalError.ENOMSG - PalErrorBase), (byte)LinuxErrno.ENOMSG,
        (byte)(PalError.ENOPROTOOPT - PalErrorBase), (byte)LinuxErrno.ENOPROTOOPT,
        (byte)(PalError.ENOSPC - PalErrorBase), (byte)LinuxErrno.ENOSPC,
        (byte)(PalError.ENOSYS - PalErrorBase), (byte)LinuxErrno.ENOSYS,
        (byte)(PalError.ENOTCONN - PalErrorBase), (byte)LinuxErrno.ENOTCONN,
        (byte)(PalError.ENOTDIR - PalErrorBase), (byte)LinuxErrno.ENOTDIR,
        (byte)(PalError.ENOTEMPTY - PalErrorBase), (byte)LinuxErrno.ENOTEMPTY,
        (byte)(PalError.ENOTRECOVERABLE - PalErrorBase), (byte)LinuxErrno.ENOTRECOVERABLE,
        (byte)(PalError.ENOTSOCK - PalErrorBase), (byte)LinuxErrno.ENOTSOCK,
        (byte)(PalError.ENOTSUP - PalErrorBase), (byte)LinuxErrno.ENOTSUP,
        (byte)(PalError.ENOTTY - PalErrorBase), (byte)LinuxErrno.ENOTTY,
        (byte)(PalError.ENXIO - PalErrorBase), (byte)LinuxErrno.ENXIO,
        (byte)(PalError.EOVERFLOW - PalErrorBase), (byte)LinuxErrno.EOVERFLOW,
        (byte)(PalError.EOWNERDEAD - PalErrorBase), (byte)LinuxErrno.EOWNERDEAD,
        (byte)(PalError.EPERM - PalErrorBase), (byte)LinuxErrno.EPERM,
        (byte)(PalError.EPIPE - PalErrorBase), (byte)LinuxErrno.EPIPE,
        (byte)(PalError.EPROTO - PalErrorBase), (byte)LinuxErrno.EPROTO,
        (byte)(PalError.EPROTONOSUPPORT - PalErrorBase), (byte)LinuxErrno.EPROTONOSUPPORT,
        (byte)(PalError.EPROTOTYPE - PalErrorBase), (byte)LinuxErrno.EPROTOTYPE,
        (byte)(PalError.ERANGE - PalErrorBase), (byte)LinuxErrno.ERANGE,
        (byte)(PalError.EROFS - PalErrorBase), (byte)LinuxErrno.EROFS,
        (byte)(PalError.ESPIPE - PalErrorBase), (byte)LinuxErrno.ESPIPE,
        (byte)(PalError.ESRCH - PalErrorBase), (byte)LinuxErrno.ESRCH,
        (byte)(PalError.ESTALE - PalErrorBase), (byte)LinuxErrno.ESTALE,
        (byte)(PalError.ETIMEDOUT - PalErrorBase), (byte)LinuxErrno.ETIMEDOUT,
        (byte)(PalError.ETXTBSY - PalErrorBase), (byte)LinuxErrno.ETXTBSY,
        (byte)(PalError.EXDEV - PalErrorBase), (byte)LinuxErrno.EXDEV,
        (byte)(PalError.ESOCKTNOSUPPORT - PalErrorBase), (byte)LinuxErrno.ESOCKTNOSUPPORT,
        (byte)(PalError.EPFNOSUPPORT - PalErrorBase), (byte)LinuxErrno.EPFNOSUPPORT,
        (byte)(PalError.ESHUTDOWN - PalErrorBase), (byte)LinuxErrno.ESHUTDOWN,
        (byte)(PalError.EHOSTDOWN - PalErrorBase), (byte)LinuxErrno.EHOSTDOWN,
        (byte)(PalError.ENODATA - PalErrorBase), (byte)LinuxErrno.ENODATA,
    ];

    private static PalError ToPal(int platformErrno)
    {
        if (platformErrno == 0)
            return PalError.SUCCESS;
        ReadOnlySpan<byte> pairs = PalAndPlatformPairs;
        for (int i = 0; i < pairs.Length; i += 2)
            if (pairs[i + 1] == platformErrno)
                return (PalError)(PalErrorBase + pairs[i]);
        return PalError.ENONSTANDARD;
    }

    // Unknown PAL values (including ENONSTANDARD) have no platform errno: -1, as libSystem.Native answers.
    private static int ToPlatform(PalError error)
    {
        ReadOnlySpan<byte> pairs = PalAndPlatformPairs;
        for (int i = 0; i < pairs.Length; i += 2)
            if (PalErrorBase + pairs[i] == (int)error)
                return pairs[i + 1];
        return -1;
    }
}
