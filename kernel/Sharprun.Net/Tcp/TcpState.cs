namespace Sharprun.Net.Tcp;

/// <summary>The connection states of RFC 9293 §3.3.2 (LISTEN lives in <see cref="TcpListenQueue"/>).</summary>
internal enum TcpState
{
    Closed,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}
