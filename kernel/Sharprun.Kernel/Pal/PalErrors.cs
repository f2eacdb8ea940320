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

    private static PalError ToPal(int platformErrno) => (LinuxErrno)platformErrno switch
    {
        0 => PalError.SUCCESS,
        LinuxErrno.E2BIG => PalError.E2BIG,
        LinuxErrno.EACCES => PalError.EACCES,
        LinuxErrno.EADDRINUSE => PalError.EADDRINUSE,
        LinuxErrno.EADDRNOTAVAIL => PalError.EADDRNOTAVAIL,
        LinuxErrno.EAFNOSUPPORT => PalError.EAFNOSUPPORT,
        LinuxErrno.EAGAIN => PalError.EAGAIN,
        LinuxErrno.EALREADY => PalError.EALREADY,
        LinuxErrno.EBADF => PalError.EBADF,
        LinuxErrno.EBADMSG => PalError.EBADMSG,
        LinuxErrno.EBUSY => PalError.EBUSY,
        LinuxErrno.ECANCELED => PalError.ECANCELED,
        LinuxErrno.ECHILD => PalError.ECHILD,
        LinuxErrno.ECONNABORTED => PalError.ECONNABORTED,
        LinuxErrno.ECONNREFUSED => PalError.ECONNREFUSED,
        LinuxErrno.ECONNRESET => PalError.ECONNRESET,
        LinuxErrno.EDEADLK => PalError.EDEADLK,
        LinuxErrno.EDESTADDRREQ => PalError.EDESTADDRREQ,
        LinuxErrno.EDOM => PalError.EDOM,
        LinuxErrno.EDQUOT => PalError.EDQUOT,
        LinuxErrno.EEXIST => PalError.EEXIST,
        LinuxErrno.EFAULT => PalError.EFAULT,
        LinuxErrno.EFBIG => PalError.EFBIG,
        LinuxErrno.EHOSTUNREACH => PalError.EHOSTUNREACH,
        LinuxErrno.EIDRM => PalError.EIDRM,
        LinuxErrno.EILSEQ => PalError.EILSEQ,
        LinuxErrno.EINPROGRESS => PalError.EINPROGRESS,
        LinuxErrno.EINTR => PalError.EINTR,
        LinuxErrno.EINVAL => PalError.EINVAL,
        LinuxErrno.EIO => PalError.EIO,
        LinuxErrno.EISCONN => PalError.EISCONN,
        LinuxErrno.EISDIR => PalError.EISDIR,
        LinuxErrno.ELOOP => PalError.ELOOP,
        LinuxErrno.EMFILE => PalError.EMFILE,
        LinuxErrno.EMLINK => PalError.EMLINK,
        LinuxErrno.EMSGSIZE => PalError.EMSGSIZE,
        LinuxErrno.EMULTIHOP => PalError.EMULTIHOP,
        LinuxErrno.ENAMETOOLONG => PalError.ENAMETOOLONG,
        LinuxErrno.ENETDOWN => PalError.ENETDOWN,
        LinuxErrno.ENETRESET => PalError.ENETRESET,
        LinuxErrno.ENETUNREACH => PalError.ENETUNREACH,
        LinuxErrno.ENFILE => PalError.ENFILE,
        LinuxErrno.ENOBUFS => PalError.ENOBUFS,
        LinuxErrno.ENODEV => PalError.ENODEV,
        LinuxErrno.ENOENT => PalError.ENOENT,
        LinuxErrno.ENOEXEC => PalError.ENOEXEC,
        LinuxErrno.ENOLCK => PalError.ENOLCK,
        LinuxErrno.ENOLINK => PalError.ENOLINK,
        LinuxErrno.ENOMEM => PalError.ENOMEM,
        LinuxErrno.ENOMSG => PalError.ENOMSG,
        LinuxErrno.ENOPROTOOPT => PalError.ENOPROTOOPT,
        LinuxErrno.ENOSPC => PalError.ENOSPC,
        LinuxErrno.ENOSYS => PalError.ENOSYS,
        LinuxErrno.ENOTCONN => PalError.ENOTCONN,
        LinuxErrno.ENOTDIR => PalError.ENOTDIR,
        LinuxErrno.ENOTEMPTY => PalError.ENOTEMPTY,
        LinuxErrno.ENOTRECOVERABLE => PalError.ENOTRECOVERABLE,
        LinuxErrno.ENOTSOCK => PalError.ENOTSOCK,
        LinuxErrno.ENOTSUP => PalError.ENOTSUP,
        LinuxErrno.ENOTTY => PalError.ENOTTY,
        LinuxErrno.ENXIO => PalError.ENXIO,
        LinuxErrno.EOVERFLOW => PalError.EOVERFLOW,
        LinuxErrno.EOWNERDEAD => PalError.EOWNERDEAD,
        LinuxErrno.EPERM => PalError.EPERM,
        LinuxErrno.EPIPE => PalError.EPIPE,
        LinuxErrno.EPROTO => PalError.EPROTO,
        LinuxErrno.EPROTONOSUPPORT => PalError.EPROTONOSUPPORT,
        LinuxErrno.EPROTOTYPE => PalError.EPROTOTYPE,
        LinuxErrno.ERANGE => PalError.ERANGE,
        LinuxErrno.EROFS => PalError.EROFS,
        LinuxErrno.ESPIPE => PalError.ESPIPE,
        LinuxErrno.ESRCH => PalError.ESRCH,
        LinuxErrno.ESTALE => PalError.ESTALE,
        LinuxErrno.ETIMEDOUT => PalError.ETIMEDOUT,
        LinuxErrno.ETXTBSY => PalError.ETXTBSY,
        LinuxErrno.EXDEV => PalError.EXDEV,
        LinuxErrno.ESOCKTNOSUPPORT => PalError.ESOCKTNOSUPPORT,
        LinuxErrno.EPFNOSUPPORT => PalError.EPFNOSUPPORT,
        LinuxErrno.ESHUTDOWN => PalError.ESHUTDOWN,
        LinuxErrno.EHOSTDOWN => PalError.EHOSTDOWN,
        LinuxErrno.ENODATA => PalError.ENODATA,
        _ => PalError.ENONSTANDARD,
    };

    // Unknown PAL values (including ENONSTANDARD) have no platform errno: -1, as libSystem.Native answers.
    private static int ToPlatform(PalError error) => error switch
    {
        PalError.E2BIG => (int)LinuxErrno.E2BIG,
        PalError.EACCES => (int)LinuxErrno.EACCES,
        PalError.EADDRINUSE => (int)LinuxErrno.EADDRINUSE,
        PalError.EADDRNOTAVAIL => (int)LinuxErrno.EADDRNOTAVAIL,
        PalError.EAFNOSUPPORT => (int)LinuxErrno.EAFNOSUPPORT,
        PalError.EAGAIN => (int)LinuxErrno.EAGAIN,
        PalError.EALREADY => (int)LinuxErrno.EALREADY,
        PalError.EBADF => (int)LinuxErrno.EBADF,
        PalError.EBADMSG => (int)LinuxErrno.EBADMSG,
        PalError.EBUSY => (int)LinuxErrno.EBUSY,
        PalError.ECANCELED => (int)LinuxErrno.ECANCELED,
        PalError.ECHILD => (int)LinuxErrno.ECHILD,
        PalError.ECONNABORTED => (int)LinuxErrno.ECONNABORTED,
        PalError.ECONNREFUSED => (int)LinuxErrno.ECONNREFUSED,
        PalError.ECONNRESET => (int)LinuxErrno.ECONNRESET,
        PalError.EDEADLK => (int)LinuxErrno.EDEADLK,
        PalError.EDESTADDRREQ => (int)LinuxErrno.EDESTADDRREQ,
        PalError.EDOM => (int)LinuxErrno.EDOM,
        PalError.EDQUOT => (int)LinuxErrno.EDQUOT,
        PalError.EEXIST => (int)LinuxErrno.EEXIST,
        PalError.EFAULT => (int)LinuxErrno.EFAULT,
        PalError.EFBIG => (int)LinuxErrno.EFBIG,
        PalError.EHOSTUNREACH => (int)LinuxErrno.EHOSTUNREACH,
        PalError.EIDRM => (int)LinuxErrno.EIDRM,
        PalError.EILSEQ => (int)LinuxErrno.EILSEQ,
        PalError.EINPROGRESS => (int)LinuxErrno.EINPROGRESS,
        PalError.EINTR => (int)LinuxErrno.EINTR,
        PalError.EINVAL => (int)LinuxErrno.EINVAL,
        PalError.EIO => (int)LinuxErrno.EIO,
        PalError.EISCONN => (int)LinuxErrno.EISCONN,
        PalError.EISDIR => (int)LinuxErrno.EISDIR,
        PalError.ELOOP => (int)LinuxErrno.ELOOP,
        PalError.EMFILE => (int)LinuxErrno.EMFILE,
        PalError.EMLINK => (int)LinuxErrno.EMLINK,
        PalError.EMSGSIZE => (int)LinuxErrno.EMSGSIZE,
        PalError.EMULTIHOP => (int)LinuxErrno.EMULTIHOP,
        PalError.ENAMETOOLONG => (int)LinuxErrno.ENAMETOOLONG,
        PalError.ENETDOWN => (int)LinuxErrno.ENETDOWN,
        PalError.ENETRESET => (int)LinuxErrno.ENETRESET,
        PalError.ENETUNREACH => (int)LinuxErrno.ENETUNREACH,
        PalError.ENFILE => (int)LinuxErrno.ENFILE,
        PalError.ENOBUFS => (int)LinuxErrno.ENOBUFS,
        PalError.ENODEV => (int)LinuxErrno.ENODEV,
        PalError.ENOENT => (int)LinuxErrno.ENOENT,
        PalError.ENOEXEC => (int)LinuxErrno.ENOEXEC,
        PalError.ENOLCK => (int)LinuxErrno.ENOLCK,
        PalError.ENOLINK => (int)LinuxErrno.ENOLINK,
        PalError.ENOMEM => (int)LinuxErrno.ENOMEM,
        PalError.ENOMSG => (int)LinuxErrno.ENOMSG,
        PalError.ENOPROTOOPT => (int)LinuxErrno.ENOPROTOOPT,
        PalError.ENOSPC => (int)LinuxErrno.ENOSPC,
        PalError.ENOSYS => (int)LinuxErrno.ENOSYS,
        PalError.ENOTCONN => (int)LinuxErrno.ENOTCONN,
        PalError.ENOTDIR => (int)LinuxErrno.ENOTDIR,
        PalError.ENOTEMPTY => (int)LinuxErrno.ENOTEMPTY,
        PalError.ENOTRECOVERABLE => (int)LinuxErrno.ENOTRECOVERABLE,
        PalError.ENOTSOCK => (int)LinuxErrno.ENOTSOCK,
        PalError.ENOTSUP => (int)LinuxErrno.ENOTSUP,
        PalError.ENOTTY => (int)LinuxErrno.ENOTTY,
        PalError.ENXIO => (int)LinuxErrno.ENXIO,
        PalError.EOVERFLOW => (int)LinuxErrno.EOVERFLOW,
        PalError.EOWNERDEAD => (int)LinuxErrno.EOWNERDEAD,
        PalError.EPERM => (int)LinuxErrno.EPERM,
        PalError.EPIPE => (int)LinuxErrno.EPIPE,
        PalError.EPROTO => (int)LinuxErrno.EPROTO,
        PalError.EPROTONOSUPPORT => (int)LinuxErrno.EPROTONOSUPPORT,
        PalError.EPROTOTYPE => (int)LinuxErrno.EPROTOTYPE,
        PalError.ERANGE => (int)LinuxErrno.ERANGE,
        PalError.EROFS => (int)LinuxErrno.EROFS,
        PalError.ESPIPE => (int)LinuxErrno.ESPIPE,
        PalError.ESRCH => (int)LinuxErrno.ESRCH,
        PalError.ESTALE => (int)LinuxErrno.ESTALE,
        PalError.ETIMEDOUT => (int)LinuxErrno.ETIMEDOUT,
        PalError.ETXTBSY => (int)LinuxErrno.ETXTBSY,
        PalError.EXDEV => (int)LinuxErrno.EXDEV,
        PalError.ESOCKTNOSUPPORT => (int)LinuxErrno.ESOCKTNOSUPPORT,
        PalError.EPFNOSUPPORT => (int)LinuxErrno.EPFNOSUPPORT,
        PalError.ESHUTDOWN => (int)LinuxErrno.ESHUTDOWN,
        PalError.EHOSTDOWN => (int)LinuxErrno.EHOSTDOWN,
        PalError.ENODATA => (int)LinuxErrno.ENODATA,
        _ => -1,
    };
}
