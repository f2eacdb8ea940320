using Sharprun.Net.Addressing;
using Sharprun.Net.Ip;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tcp;

namespace Sharprun.Net;

/// <summary>
/// Where the TCP layer attaches to the stack: what it needs from it (time, sending, routing, wake-ups) and what the
/// stack hands it (segments whose checksum is checked here, ICMP errors, timers, sockets).
/// </summary>
internal sealed class TcpNetwork : ITcpNetwork
{
    private readonly NetworkStack _stack;
    private readonly TcpLayer _layer;

    public TcpNetwork(NetworkStack stack)
    {
        _stack = stack;
        // Seeded from the stack's Random, so a stack given a seeded one (tests, fuzzing) has reproducible ISNs and ports.
        _layer = new TcpLayer(this, new TcpOptions { RandomSeed = stack.Random.Next() });
    }

    public int ConnectionCount => _layer.ConnectionCount;

    public ulong NowNanoseconds => _stack.Now;

    /// <summary>Sends a complete segment (checksum filled in) from <paramref name="source"/>; DF is set, PMTU discovery does the rest.</summary>
    public bool TrySend(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment)
    {
        byte[] buffer = _stack.TransmitBuffer;
        if (segment.Length > buffer.Length - PacketBuffer.Headroom)
            return false;
        segment.CopyTo(buffer.AsSpan(PacketBuffer.Headroom));
        var error = destination.IsV4
            ? _stack.Ipv4.Send(source, destination, IpProtocol.Tcp, buffer, segment.Length, dontFragment: true)
            : _stack.Ipv6.Send(source, destination, IpProtocol.Tcp, buffer, segment.Length);
        return error == NetError.Success;
    }

    /// <summary>The source address and link MTU of the route to <paramref name="destination"/>.</summary>
    public bool TryRoute(IpAddress destination, out IpAddress source, out int mtu)
    {
        if (_stack.Routes.TryLookup(destination, out var route) && !route.Source.IsAny)
        {
            source = route.Source;
            mtu = route.Interface.Mtu;
            return true;
        }
        source = default;
        mtu = 0;
        return false;
    }

    public void RequestWake() => _stack.RequestWake();

    public void PulseWaiters() => _stack.PulseWaiters();

    public void Input(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment, bool checksumVerified)
    {
        if (!checksumVerified && !InternetChecksum.Verifies(InternetChecksum.Add(
                InternetChecksum.PseudoHeader(source, destination, IpProtocol.Tcp, segment.Length), segment)))
        {
            _stack.Statistics.Drop(DropReason.TcpBadChecksum);
            return;
        }
        _layer.Deliver(source, destination, segment);
    }

    public void OnPacketTooBig(IpAddress localSource, IpAddress remote, ushort remotePort, ushort localPort, int mtu) =>
        _layer.OnPacketTooBig(localSource, remote, remotePort, localPort, mtu);

    public void OnDestinationUnreachable(IpAddress localSource, IpAddress remote, ushort remotePort, ushort localPort, bool hard) =>
        _layer.OnDestinationUnreachable(localSource, remote, remotePort, localPort, hard);

    public ulong RunTimers() => _layer.RunTimers();

    public NetSocket CreateSocket(bool isV6) => _layer.CreateSocket(isV6);
}
