using System;
using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Exports;

/// <summary>getsockopt/setsockopt and the PAL's dedicated option calls (linger, timeouts, SO_ERROR, FIONREAD).</summary>
internal static unsafe class SocketOptionExports
{
    [RuntimeExport("SystemNative_GetSockOpt")]
    public static int GetSockOpt(nint fd, int socketOptionLevel, int socketOptionName, byte* optionValue, int* optionLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (optionValue == null || optionLen == null || *optionLen < sizeof(int))
            return (int)PalError.EFAULT;
        if (!SocketOptionNames.TryMap(socketOptionLevel, socketOptionName, out SocketOption option))
            return (int)PalError.ENOPROTOOPT;
        lock (socket.Stack.Sync)
        {
            NetError result = socket.Socket.GetOption(option, out int value);
            if (result != NetError.Success)
                return SocketDescriptors.ToPal(result);
            *(int*)optionValue = value;
            *optionLen = sizeof(int);
            return 0;
        }
    }

    [RuntimeExport("SystemNative_SetSockOpt")]
    public static int SetSockOpt(nint fd, int socketOptionLevel, int socketOptionName, byte* optionValue, int optionLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (optionValue == null || optionLen < sizeof(int))
            return (int)PalError.EFAULT;
        if (!SocketOptionNames.TryMap(socketOptionLevel, socketOptionName, out SocketOption option))
            return (int)PalError.ENOPROTOOPT;
        lock (socket.Stack.Sync)
            return SocketDescriptors.ToPal(socket.Socket.SetOption(option, *(int*)optionValue));
    }

    [RuntimeExport("SystemNative_GetLingerOption")]
    public static int GetLingerOption(nint fd, LingerOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (option == null)
            return (int)PalError.EFAULT;
        lock (socket.Stack.Sync)
        {
            NetError result = socket.Socket.GetOption(SocketOption.Linger, out int seconds);
            if (result != NetError.Success)
                return SocketDescriptors.ToPal(result);
            *option = seconds < 0 ? default : new LingerOption { OnOff = 1, Seconds = seconds };
            return 0;
        }
    }

    [RuntimeExport("SystemNative_SetLingerOption")]
    public static int SetLingerOption(nint fd, LingerOption* option)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (option == null)
            return (int)PalError.EFAULT;
        if (option->OnOff != 0 && option->Seconds < 0)
            return (int)PalError.EINVAL;
        lock (socket.Stack.Sync)
            return SocketDescriptors.ToPal(socket.Socket.SetOption(SocketOption.Linger, option->OnOff != 0 ? option->Seconds : -1));
    }

    [RuntimeExport("SystemNative_SetReceiveTimeout")]
    public static int SetReceiveTimeout(nint fd, int millisecondsTimeout)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (millisecondsTimeout < -1)
            return (int)PalError.EINVAL;
        socket.ReceiveTimeout = Math.Max(millisecondsTimeout, 0);
        return 0;
    }

    [RuntimeExport("SystemNative_SetSendTimeout")]
    public static int SetSendTimeout(nint fd, int millisecondsTimeout)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (millisecondsTimeout < -1)
            return (int)PalError.EINVAL;
        socket.SendTimeout = Math.Max(millisecondsTimeout, 0);
        return 0;
    }

    /// <summary>SO_ERROR, read and cleared, as a PAL error.</summary>
    [RuntimeExport("SystemNative_GetSocketErrorOption")]
    public static int GetSocketErrorOption(nint fd, int* error)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int notSocket))
            return notSocket;
        if (error == null)
            return (int)PalError.EFAULT;
        lock (socket.Stack.Sync)
        {
            NetError result = socket.Socket.GetOption(SocketOption.Error, out int pending);
            if (result != NetError.Success)
                return SocketDescriptors.ToPal(result);
            *error = SocketDescriptors.ToPal((NetError)pending);
            return 0;
        }
    }

    /// <summary>FIONREAD: what a receive would take now (the next datagram's size for UDP), found by peeking.</summary>
    [RuntimeExport("SystemNative_GetBytesAvailable")]
    public static int GetBytesAvailable(nint fd, int* available)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (available == null)
            return (int)PalError.EFAULT;
        lock (socket.Stack.Sync)
        {
            socket.Socket.GetOption(SocketOption.ReceiveBufferSize, out int capacity);
            byte[] peek = new byte[Math.Max(capacity, 65536)];
            NetError result = socket.Socket.Receive(peek, peek: true, out int queued, out _, out _);
            *available = result == NetError.Success ? queued : 0;
            return result is NetError.Success or NetError.WouldBlock ? 0 : SocketDescriptors.ToPal(result);
        }
    }

    /// <summary>The stack has no urgent data, so a socket is never at the out-of-band mark.</summary>
    [RuntimeExport("SystemNative_GetAtOutOfBandMark")]
    public static int GetAtOutOfBandMark(nint fd, int* available)
    {
        if (!SocketDescriptors.TryGet(fd, out _, out int error))
            return error;
        if (available == null)
            return (int)PalError.EFAULT;
        *available = 0;
        return 0;
    }
}
