namespace Sharprun.Net.Sockets;

public enum SocketKind
{
    /// <summary>SOCK_STREAM / IPPROTO_TCP.</summary>
    Tcp,
    /// <summary>SOCK_DGRAM / IPPROTO_UDP.</summary>
    Udp,
}
