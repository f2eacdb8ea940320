namespace Sharprun.Net.Tcp;

/// <summary>A TCP socket's options, shared by the socket and its connection; accepted connections inherit a copy of the listener's.</summary>
internal sealed class TcpSocketSettings
{
    public bool ReuseAddress;
    public bool KeepAlive;
    /// <summary>Seconds; negative when linger is off.</summary>
    public int LingerSeconds = -1;
    public int ReceiveBufferSize;
    public int SendBufferSize;
    public bool NoDelay;
    public int KeepAliveIdleSeconds;
    public int KeepAliveIntervalSeconds;
    public int KeepAliveCount;
    public bool V6Only;

    public TcpSocketSettings(TcpOptions options)
    {
        ReceiveBufferSize = options.DefaultReceiveBufferSize;
        SendBufferSize = options.DefaultSendBufferSize;
        KeepAliveIdleSeconds = (int)options.DefaultKeepAliveIdle.TotalSeconds;
        KeepAliveIntervalSeconds = (int)options.DefaultKeepAliveInterval.TotalSeconds;
        KeepAliveCount = options.DefaultKeepAliveCount;
    }

    public TcpSocketSettings Clone() => (TcpSocketSettings)MemberwiseClone();
}
