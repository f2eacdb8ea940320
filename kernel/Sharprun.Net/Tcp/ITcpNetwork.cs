using Sharprun.Net.Addressing;

namespace Sharprun.Net.Tcp;

/// <summary>
/// What TCP needs from the IP layer beneath it. Called with the stack's lock held. No member may call back into
/// the <see cref="TcpLayer"/> (a looped-back segment is queued and delivered later): the layer is not reentrant.
/// </summary>
public interface ITcpNetwork
{
    ulong NowNanoseconds { get; }

    /// <summary>Sends a complete TCP segment (header + payload, checksum filled in) in an IP packet; false when it was dropped.</summary>
    bool TrySend(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment);

    /// <summary>Picks the source address and path MTU (IP packet size) toward a destination; false when there is no route.</summary>
    bool TryRoute(IpAddress destination, out IpAddress source, out int mtu);

    /// <summary>Asks the network thread to call RunTimers soon (a timer earlier than the last returned deadline was armed).</summary>
    void RequestWake();

    /// <summary>Wakes the PAL's blocked callers (Monitor.PulseAll on the stack's lock).</summary>
    void PulseWaiters();
}
