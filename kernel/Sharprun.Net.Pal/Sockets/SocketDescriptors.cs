using Sharprun.Kernel.Pal;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Sockets;

/// <summary>Finding sockets behind descriptor numbers, and the PAL's error codes for the stack's errors.</summary>
internal static class SocketDescriptors
{
    /// <summary>The socket at <paramref name="fd"/>; otherwise false with EBADF (not open) or ENOTSOCK.</summary>
    public static bool TryGet(nint fd, out SocketDescription socket, out int error)
    {
        OpenFileDescription? description = DescriptorTable.GetDescription(fd);
        if (description is SocketDescription found)
        {
            socket = found;
            error = 0;
            return true;
        }
        socket = null!;
        error = (int)(DescriptorTable.Get(fd) == DescriptorKind.Closed ? PalError.EBADF : PalError.ENOTSOCK);
        return false;
    }

    /// <summary>The PAL error (Interop.Error) for a stack error, whose numbers are Linux's errno values.</summary>
    public static int ToPal(NetError error) => error == NetError.Success ? 0 : PalErrors.ConvertErrorPlatformToPal((int)error);

    public static int ToPal(LinuxErrno error) => error == 0 ? 0 : PalErrors.ConvertErrorPlatformToPal((int)error);
}
