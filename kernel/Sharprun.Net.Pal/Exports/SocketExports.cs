using System;
using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Pal.Stack;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Exports;

/// <summary>
/// The socket calls of pal_networking.c (socket, bind, connect, listen, accept, send, recv, shutdown, names) over
/// the stack. They return PAL errors (Interop.Error), never -1/errno, and never throw.
/// </summary>
internal static unsafe class SocketExports
{
    private const int StreamType = 1;
    private const int DatagramType = 2;
    private const int ProtocolUnspecified = 0;
    private const int ProtocolTcp = 6;
    private const int ProtocolUdp = 17;

    private const int ShutdownReceive = 0;
    private const int ShutdownSend = 1;
    private const int ShutdownBoth = 2;

    [RuntimeExport("SystemNative_Socket")]
    public static int Socket(int addressFamily, int socketType, int protocolType, nint* createdSocket)
    {
        if (createdSocket == null)
            return (int)PalError.EFAULT;
        *createdSocket = -1;
        if (addressFamily is not (PalAddressFamily.InterNetwork or PalAddressFamily.InterNetworkV6))
            return (int)PalError.EAFNOSUPPORT;
        SocketKind kind;
        if (socketType == StreamType && protocolType is ProtocolUnspecified or ProtocolTcp)
            kind = SocketKind.Tcp;
        else if (socketType == DatagramType && protocolType is ProtocolUnspecified or ProtocolUdp)
            kind = SocketKind.Udp;
        else
            return (int)PalError.EPROTONOSUPPORT;

        NetworkStack stack = KernelNetwork.Stack;
        NetSocket socket;
        try
        {
            lock (stack.Sync)
                socket = stack.CreateSocket(kind, addressFamily == PalAddressFamily.InterNetworkV6);
        }
        catch (NotSupportedException)
        {
            // TCP until the stack has it.
            return (int)PalError.EPROTONOSUPPORT;
        }
        var description = new SocketDescription(stack, socket, kind == SocketKind.Tcp ? ProtocolTcp : ProtocolUdp);
        nint fd = DescriptorTable.Install(description);
        if (fd < 0)
        {
            lock (stack.Sync)
                socket.Close();
            return (int)PalError.EMFILE;
        }
        *createdSocket = fd;
        return 0;
    }

    [RuntimeExport("SystemNative_GetSocketType")]
    public static int GetSocketType(nint fd, int* addressFamily, int* socketType, int* protocolType, int* isListening)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (addressFamily == null || socketType == null || protocolType == null || isListening == null)
            return (int)PalError.EFAULT;
        *addressFamily = socket.Socket.IsV6 ? PalAddressFamily.InterNetworkV6 : PalAddressFamily.InterNetwork;
        *socketType = socket.Socket.Kind == SocketKind.Tcp ? StreamType : DatagramType;
        *protocolType = socket.Protocol;
        *isListening = socket.IsListening ? 1 : 0;
        return 0;
    }

    private const int TcpProtocolType = 6;

    [RuntimeExport("SystemNative_Bind")]
    public static int Bind(nint fd, int protocolType, byte* socketAddress, int socketAddressLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (socketAddress == null || socketAddressLen < 0)
            return (int)PalError.EFAULT;
        LinuxErrno invalid = LinuxSocketAddress.TryRead(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), socket.Socket.IsV6, out IpEndpoint local);
        if (invalid != 0)
            return SocketDescriptors.ToPal(invalid);
        lock (socket.Stack.Sync)
        {
            // As libSystem.Native does on Linux: TCP sockets bind with SO_REUSEADDR, so a port whose connections
            // linger in TIME-WAIT can be bound again (Windows' behaviour; HttpListener rebinds on Dispose).
            if (protocolType == TcpProtocolType)
                socket.Socket.SetOption(SocketOption.ReuseAddress, 1);
            return SocketDescriptors.ToPal(socket.Socket.Bind(local));
        }
    }

    [RuntimeExport("SystemNative_Connect")]
    public static int Connect(nint fd, byte* socketAddress, int socketAddressLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (socketAddress == null || socketAddressLen < 0)
            return (int)PalError.EFAULT;
        LinuxErrno invalid = LinuxSocketAddress.TryRead(new ReadOnlySpan<byte>(socketAddress, socketAddressLen), socket.Socket.IsV6, out IpEndpoint remote);
        if (invalid != 0)
            return SocketDescriptors.ToPal(invalid);
        return SocketDescriptors.ToPal(socket.Connect(remote));
    }

    [RuntimeExport("SystemNative_Listen")]
    public static int Listen(nint fd, int backlog)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        lock (socket.Stack.Sync)
        {
            NetError result = socket.Socket.Listen(backlog);
            if (result == NetError.Success)
                socket.IsListening = true;
            return SocketDescriptors.ToPal(result);
        }
    }

    [RuntimeExport("SystemNative_Accept")]
    public static int Accept(nint fd, byte* socketAddress, int* socketAddressLen, nint* acceptedSocket)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (acceptedSocket == null || (socketAddress != null && socketAddressLen == null))
            return (int)PalError.EFAULT;
        *acceptedSocket = -1;
        NetError result = socket.Accept(out NetSocket? accepted);
        if (result != NetError.Success)
            return SocketDescriptors.ToPal(result);
        var description = new SocketDescription(socket.Stack, accepted!, socket.Protocol);
        nint acceptedFd = DescriptorTable.Install(description);
        if (acceptedFd < 0)
        {
            lock (socket.Stack.Sync)
                accepted!.Close();
            return (int)PalError.EMFILE;
        }
        if (socketAddress != null)
        {
            lock (socket.Stack.Sync)
                WriteAddress(accepted!.RemoteEndpoint ?? default, accepted.IsV6, socketAddress, socketAddressLen);
        }
        *acceptedSocket = acceptedFd;
        return 0;
    }

    [RuntimeExport("SystemNative_GetSockName")]
    public static int GetSockName(nint fd, byte* socketAddress, int* socketAddressLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (socketAddress == null || socketAddressLen == null || *socketAddressLen < 0)
            return (int)PalError.EFAULT;
        lock (socket.Stack.Sync)
            WriteAddress(socket.Socket.LocalEndpoint, socket.Socket.IsV6, socketAddress, socketAddressLen);
        return 0;
    }

    [RuntimeExport("SystemNative_GetPeerName")]
    public static int GetPeerName(nint fd, byte* socketAddress, int* socketAddressLen)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (socketAddress == null || socketAddressLen == null || *socketAddressLen < 0)
            return (int)PalError.EFAULT;
        lock (socket.Stack.Sync)
        {
            if (socket.Socket.RemoteEndpoint is not { } remote)
                return (int)PalError.ENOTCONN;
            WriteAddress(remote, socket.Socket.IsV6, socketAddress, socketAddressLen);
        }
        return 0;
    }

    [RuntimeExport("SystemNative_Shutdown")]
    public static int Shutdown(nint fd, int socketShutdown)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        ShutdownDirection? direction = socketShutdown switch
        {
            ShutdownReceive => ShutdownDirection.Receive,
            ShutdownSend => ShutdownDirection.Send,
            ShutdownBoth => ShutdownDirection.Both,
            _ => null,
        };
        if (direction == null)
            return (int)PalError.EINVAL;
        lock (socket.Stack.Sync)
            return SocketDescriptors.ToPal(socket.Socket.Shutdown(direction.Value));
    }

    [RuntimeExport("SystemNative_Send")]
    public static int Send(nint fd, byte* buffer, int bufferLen, int flags, int* sent)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (sent == null || bufferLen < 0 || (buffer == null && bufferLen > 0))
            return (int)PalError.EFAULT;
        *sent = 0;
        if (!SocketFlags.TryRead(flags, out bool peek, out bool dontWait) || peek)
            return (int)PalError.ENOTSUP;
        NetError result = socket.Send(new ReadOnlySpan<byte>(buffer, bufferLen), null, dontWait, out int count);
        *sent = count;
        return SocketDescriptors.ToPal(result);
    }

    [RuntimeExport("SystemNative_Receive")]
    public static int Receive(nint fd, byte* buffer, int bufferLen, int flags, int* received)
    {
        if (!SocketDescriptors.TryGet(fd, out SocketDescription socket, out int error))
            return error;
        if (received == null || bufferLen < 0 || (buffer == null && bufferLen > 0))
            return (int)PalError.EFAULT;
        *received = 0;
        if (!SocketFlags.TryRead(flags, out bool peek, out bool dontWait))
            return (int)PalError.ENOTSUP;
        NetError result = socket.Receive(new Span<byte>(buffer, bufferLen), peek, dontWait, out int count, out _, out _);
        *received = count;
        return SocketDescriptors.ToPal(result);
    }

    /// <summary>Writes an address the way getsockname does: truncated to the buffer, the full length returned.</summary>
    internal static void WriteAddress(IpEndpoint endpoint, bool isV6, byte* socketAddress, int* socketAddressLen)
    {
        *socketAddressLen = LinuxSocketAddress.Write(endpoint, isV6, new Span<byte>(socketAddress, *socketAddressLen));
    }
}
