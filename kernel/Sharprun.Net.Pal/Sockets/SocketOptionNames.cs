using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Sockets;

/// <summary>
/// The PAL's option levels and names (System.Net.SocketOptionLevel/SocketOptionName numbers, pal_networking.h)
/// that the stack implements; any other is ENOPROTOOPT, as Linux answers an option it does not know.
/// </summary>
internal static class SocketOptionNames
{
    private const int LevelSocket = 0xFFFF;
    private const int LevelIp = 0;
    private const int LevelIpv6 = 41;
    private const int LevelTcp = 6;

    public static bool TryMap(int level, int name, out SocketOption option)
    {
        SocketOption? mapped = (level, name) switch
        {
            (LevelSocket, 0x0002) => SocketOption.AcceptConnections,
            (LevelSocket, 0x0004) => SocketOption.ReuseAddress,
            (LevelSocket, 0x0008) => SocketOption.KeepAlive,
            (LevelSocket, 0x0020) => SocketOption.Broadcast,
            (LevelSocket, 0x1001) => SocketOption.SendBufferSize,
            (LevelSocket, 0x1002) => SocketOption.ReceiveBufferSize,
            (LevelSocket, 0x1007) => SocketOption.Error,
            (LevelIp, 4) => SocketOption.TimeToLive,
            (LevelIp, 10) => SocketOption.MulticastTimeToLive,
            (LevelIp, 11) => SocketOption.MulticastLoopback,
            // IPv6 names: IpTimeToLive (4) is IPV6_UNICAST_HOPS, as pal_networking.c maps it.
            (LevelIpv6, 4) => SocketOption.TimeToLive,
            (LevelIpv6, 10) => SocketOption.MulticastTimeToLive,
            (LevelIpv6, 11) => SocketOption.MulticastLoopback,
            (LevelIpv6, 27) => SocketOption.V6Only,
            (LevelTcp, 1) => SocketOption.NoDelay,
            (LevelTcp, 3) => SocketOption.KeepAliveIdle,
            (LevelTcp, 16) => SocketOption.KeepAliveCount,
            (LevelTcp, 17) => SocketOption.KeepAliveInterval,
            _ => null,
        };
        option = mapped.GetValueOrDefault();
        return mapped.HasValue;
    }
}
