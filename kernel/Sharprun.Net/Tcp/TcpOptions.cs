namespace Sharprun.Net.Tcp;

/// <summary>Tunables of a <see cref="TcpLayer"/>; the defaults follow Linux.</summary>
public sealed class TcpOptions
{
    /// <summary>Maximum segment lifetime; TIME-WAIT lasts twice this (Linux: 60 s in all).</summary>
    public TimeSpan MaximumSegmentLifetime { get; init; } = TimeSpan.FromSeconds(30);

    public int DefaultReceiveBufferSize { get; init; } = 256 * 1024;

    public int DefaultSendBufferSize { get; init; } = 256 * 1024;

    /// <summary>The RTO before any RTT sample (RFC 6298 §2.1).</summary>
    public TimeSpan InitialRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Linux's floor on the RTO (RFC 6298 asks for 1 s, which hurts on fast links).</summary>
    public TimeSpan MinimumRetransmissionTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaximumRetransmissionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>SYN (and SYN-ACK) retransmissions before a handshake fails (Linux tcp_syn_retries).</summary>
    public int SynRetries { get; init; } = 6;

    /// <summary>Data retransmissions before a connection is aborted (Linux tcp_retries2).</summary>
    public int DataRetries { get; init; } = 15;

    public TimeSpan DelayedAckTimeout { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>How long a closed socket's connection may sit in FIN-WAIT-2 (Linux tcp_fin_timeout).</summary>
    public TimeSpan OrphanFinWait2Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Half-open connections a listener holds at most; beyond it the oldest is dropped (SYN-flood bound).</summary>
    public int MaximumHalfOpenPerListener { get; init; } = 256;

    /// <summary>Connections held in TIME-WAIT at most; past it a closing connection skips TIME-WAIT (Linux tcp_max_tw_buckets).</summary>
    public int MaximumTimeWait { get; init; } = 32768;

    /// <summary>Upper bound on a listen backlog (Linux somaxconn).</summary>
    public int MaximumBacklog { get; init; } = 4096;

    /// <summary>RFC 5961 §7: challenge ACKs sent per second, across the layer.</summary>
    public int ChallengeAcksPerSecond { get; init; } = 1000;

    /// <summary>Out-of-order ranges a connection keeps (their bytes are bounded by the receive buffer).</summary>
    public int MaximumOutOfOrderRanges { get; init; } = 64;

    public TimeSpan DefaultKeepAliveIdle { get; init; } = TimeSpan.FromSeconds(7200);

    public TimeSpan DefaultKeepAliveInterval { get; init; } = TimeSpan.FromSeconds(75);

    public int DefaultKeepAliveCount { get; init; } = 9;

    /// <summary>Seeds initial sequence numbers and ephemeral ports; null draws from the system's random source.</summary>
    public int? RandomSeed { get; init; }
}
