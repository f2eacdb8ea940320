using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Icmp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Udp;

/// <summary>UDP (RFC 768): the port table, ephemeral ports, demultiplexing to sockets (and to DHCP), and sending.</summary>
internal sealed class UdpLayer(NetworkStack stack)
{
    public const int EphemeralFirst = 49152;
    public const int EphemeralLast = 65535;
    public const ushort DhcpClientPort = 68;

    private readonly Dictionary<ushort, List<UdpSocket>> _ports = [];
    private readonly List<UdpSocket> _matches = [];
    private int _nextEphemeral = EphemeralFirst + stack.Random.Next(EphemeralLast - EphemeralFirst + 1);

    public NetworkStack Stack => stack;

    public int BoundCount => _ports.Values.Sum(list => list.Count);

    /// <summary>Enters <paramref name="socket"/> in the port table at <paramref name="address"/>:<paramref name="port"/>; port 0 picks an ephemeral one.</summary>
    public NetError Bind(UdpSocket socket, IpAddress address, ushort port, out ushort bound)
    {
        bound = 0;
        if (!address.IsAny && !address.IsMulticast && !stack.Routes.IsLocal(address) && !IsBroadcast(address))
            return NetError.AddressNotAvailable;
        if (port != 0)
        {
            if (Conflicts(socket, address, port))
                return NetError.AddressInUse;
            bound = port;
        }
        else
        {
            for (int tries = 0; tries <= EphemeralLast - EphemeralFirst && bound == 0; tries++)
            {
                ushort candidate = (ushort)_nextEphemeral;
                _nextEphemeral = _nextEphemeral == EphemeralLast ? EphemeralFirst : _nextEphemeral + 1;
                if (!_ports.ContainsKey(candidate))
                    bound = candidate;
            }
            if (bound == 0)
                return NetError.AddressInUse;
        }
        if (!_ports.TryGetValue(bound, out var list))
            _ports[bound] = list = [];
        list.Add(socket);
        return NetError.Success;
    }

    public void Unbind(UdpSocket socket, ushort port)
    {
        if (_ports.TryGetValue(port, out var list) && list.Remove(socket) && list.Count == 0)
            _ports.Remove(port);
    }

    private bool Conflicts(UdpSocket socket, IpAddress address, ushort port)
    {
        if (!_ports.TryGetValue(port, out var list))
            return false;
        foreach (var other in list)
        {
            if (socket.ReuseAddress && other.ReuseAddress)
                continue;
            if (!FamiliesOverlap(socket, address, other, other.LocalEndpoint.Address))
                continue;
            var otherAddress = other.LocalEndpoint.Address;
            if (address.IsAny || otherAddress.IsAny || address == otherAddress)
                return true;
        }
        return false;
    }

    /// <summary>Whether two bindings could both receive one packet family (a V6Only socket never sees IPv4).</summary>
    private static bool FamiliesOverlap(UdpSocket a, IpAddress addressA, UdpSocket b, IpAddress addressB)
    {
        bool aV4 = ReceivesV4(a, addressA), bV4 = ReceivesV4(b, addressB);
        bool aV6 = a.IsV6 && !addressA.IsV4, bV6 = b.IsV6 && !addressB.IsV4;
        return (aV4 && bV4) || (aV6 && bV6);
    }

    private static bool ReceivesV4(UdpSocket socket, IpAddress address) =>
        !socket.IsV6 || (!socket.V6Only && (address.IsV4 || address == IpAddress.AnyV6));

    public bool IsBroadcast(IpAddress address)
    {
        if (!address.IsV4)
            return false;
        foreach (var face in stack.Interfaces)
        {
            if (face.IsBroadcastV4(address))
                return true;
        }
        return false;
    }

    public void Input(NetworkInterface face, IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment, bool checksumVerified,
        ReadOnlySpan<byte> packet, bool broadcast)
    {
        if (segment.Length < UdpHeader.Length)
        {
            stack.Statistics.Drop(DropReason.UdpMalformed);
            return;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(segment[6..]);
        ushort destinationPort = UdpHeader.DestinationPort(segment);
        if (length < UdpHeader.Length || length > segment.Length || destinationPort == 0 || (checksum == 0 && !source.IsV4))
        {
            stack.Statistics.Drop(DropReason.UdpMalformed);
            return;
        }
        segment = segment[..length];
        if (checksum != 0 && !checksumVerified && !InternetChecksum.Verifies(InternetChecksum.Add(
                InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, length), segment)))
        {
            stack.Statistics.Drop(DropReason.UdpBadChecksum);
            return;
        }
        var from = new IpEndpoint(source, UdpHeader.SourcePort(segment));
        var payload = segment[UdpHeader.Length..];
        if (destinationPort == DhcpClientPort && face.Dhcp is { } dhcp)
        {
            dhcp.Input(from, payload);
            return;
        }
        if (!face.IsLoopback && face.Ipv4Address is null && source.IsV4 && !broadcast && !stack.Routes.IsLocal(destination))
        {
            stack.Statistics.Drop(DropReason.NotForThisHost);
            return;
        }
        FindReceivers(destination, destinationPort, from, broadcast);
        if (_matches.Count == 0)
        {
            stack.Statistics.Drop(DropReason.UdpNoSocket);
            if (broadcast)
                return;
            if (source.IsV4)
                stack.Icmpv4.SendError(Icmpv4Layer.TypeDestinationUnreachable, Icmpv4Layer.CodePortUnreachable, packet, 0);
            else
                stack.Icmpv6.SendError(Icmpv6Layer.TypeDestinationUnreachable, Icmpv6Layer.CodePortUnreachable, packet, 0);
            return;
        }
        foreach (var socket in _matches)
        {
            if (!socket.Enqueue(payload, from))
                stack.Statistics.Drop(DropReason.UdpReceiveQueueFull);
        }
        _matches.Clear();
    }

    /// <summary>The sockets a datagram goes to: every match for broadcast and multicast, else the most specific one.</summary>
    private void FindReceivers(IpAddress destination, ushort port, IpEndpoint from, bool broadcast)
    {
        _matches.Clear();
        if (!_ports.TryGetValue(port, out var list))
            return;
        UdpSocket? best = null;
        int bestScore = -1;
        foreach (var socket in list)
        {
            int score = Score(socket, destination, from, broadcast);
            if (score < 0)
                continue;
            if (broadcast)
                _matches.Add(socket);
            else if (score > bestScore)
            {
                best = socket;
                bestScore = score;
            }
        }
        if (best is not null)
            _matches.Add(best);
    }

    private static int Score(UdpSocket socket, IpAddress destination, IpEndpoint from, bool broadcast)
    {
        var local = socket.LocalEndpoint.Address;
        if (destination.IsV4 ? !ReceivesV4(socket, local) : !socket.IsV6 || local.IsV4)
            return -1;
        int score = 0;
        if (local.IsAny)
            score = 0;
        else if (local == destination)
            score = 2;
        else
            return -1;
        if (socket.RemoteEndpoint is { } remote)
        {
            if (remote != from)
                return -1;
            score++;
        }
        return score;
    }

    /// <summary>
    /// The interface a multicast option names: by <paramref name="index"/> when not 0, else by its IPv4
    /// <paramref name="local"/> address when not any, else the one the route to <paramref name="group"/> leaves by
    /// (never the loopback). Null when there is none.
    /// </summary>
    public NetworkInterface? FindMulticastInterface(IpAddress group, int index, IpAddress local)
    {
        if (index != 0)
            return stack.Interfaces.FirstOrDefault(face => face.Index == index);
        if (!local.IsAny)
            return stack.Interfaces.FirstOrDefault(face => face.Ipv4Address == local);
        return stack.Routes.TryChooseHop(group, null, out var face, out _) && !face.IsLoopback ? face : null;
    }

    /// <summary>
    /// Sends one datagram; the payload is copied into the stack's transmit buffer. A multicast datagram to a group
    /// the sending interface has joined is also delivered here first when <paramref name="loopMulticast"/>
    /// (IP_MULTICAST_LOOP), as Linux does.
    /// </summary>
    public NetError Send(IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort, ReadOnlySpan<byte> data,
        byte timeToLive, NetworkInterface? via = null, bool loopMulticast = false)
    {
        int maxPayload = PacketBuffer.MaxIpPacket - UdpHeader.Length - (destination.IsV4 ? Ipv4Header.MinimumLength : Ipv6Header.Length);
        if (data.Length > maxPayload)
            return NetError.MessageTooLong;
        byte[] buffer = stack.TransmitBuffer;
        var datagram = buffer.AsSpan(PacketBuffer.Headroom, UdpHeader.Length + data.Length);
        data.CopyTo(datagram[UdpHeader.Length..]);
        UdpHeader.Write(datagram, source, sourcePort, destination, destinationPort);
        if (loopMulticast && destination.IsMulticast && stack.Routes.TryChooseHop(destination, via, out var face, out _)
            && face.MulticastGroups.Contains(destination))
            Input(face, source, destination, datagram, checksumVerified: true, datagram, broadcast: true);
        return destination.IsV4
            ? stack.Ipv4.Send(source, destination, IpProtocol.Udp, buffer, datagram.Length, timeToLive, via: via)
            : stack.Ipv6.Send(source, destination, IpProtocol.Udp, buffer, datagram.Length, timeToLive, via);
    }

    /// <summary>An ICMP error about a datagram we sent: a connected socket to that peer gets the error (Linux does the same).</summary>
    public void OnUnreachable(IpAddress local, ushort localPort, IpAddress remote, ushort remotePort, NetError error)
    {
        if (!_ports.TryGetValue(localPort, out var list))
            return;
        foreach (var socket in list)
        {
            if (socket.RemoteEndpoint is { } peer && peer == new IpEndpoint(remote, remotePort))
                socket.SetError(error);
        }
    }
}
