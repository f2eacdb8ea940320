using System.Net;
using System.Net.Sockets;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>A port on 127.0.0.1 that is free now, for a QEMU hostfwd rule (another process could take it before QEMU binds it; then QEMU fails to start and says so).</summary>
public static class LoopbackPort
{
    public static int Free(bool udp)
    {
        using var socket = udp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
