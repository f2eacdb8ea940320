namespace Sharprun.Net.Sockets;

/// <summary>The socket options the stack implements (the PAL maps SOL_SOCKET/IPPROTO_* names onto these).</summary>
public enum SocketOption
{
    ReuseAddress,
    KeepAlive,
    /// <summary>Seconds of linger on close; negative when off.</summary>
    Linger,
    ReceiveBufferSize,
    SendBufferSize,
    Broadcast,
    NoDelay,
    /// <summary>Seconds idle before the first keep-alive probe (TCP_KEEPIDLE).</summary>
    KeepAliveIdle,
    KeepAliveInterval,
    KeepAliveCount,
    V6Only,
    TimeToLive,
    MulticastTimeToLive,
    MulticastLoopback,
    /// <summary>Read-only: the pending error (SO_ERROR), cleared by reading it.</summary>
    Error,
    /// <summary>Read-only: 1 when listening (SO_ACCEPTCONN).</summary>
    AcceptConnections,
}
