using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tests.Support;

/// <summary>Socket calls with the stack's lock taken, as the PAL makes them.</summary>
internal static class SocketExtensions
{
    public static NetSocket Udp(this NetworkStack stack, bool isV6 = false, ushort port = 0)
    {
        lock (stack.Sync)
        {
            var socket = stack.CreateSocket(SocketKind.Udp, isV6);
            Assert.Equal(NetError.Success, socket.Bind(new IpEndpoint(isV6 ? IpAddress.AnyV6 : IpAddress.AnyV4, port)));
            return socket;
        }
    }

    public static NetError SendTo(this NetworkStack stack, NetSocket socket, byte[] data, IpEndpoint to)
    {
        lock (stack.Sync)
            return socket.Send(data, to, out _);
    }

    public static byte[]? TryReceive(this NetworkStack stack, NetSocket socket, out IpEndpoint from)
    {
        var buffer = new byte[70000];
        lock (stack.Sync)
        {
            if (socket.Receive(buffer, peek: false, out int received, out from, out _) != NetError.Success)
                return null;
            return buffer[..received];
        }
    }
}
