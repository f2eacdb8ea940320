using Sharprun.Net.Addressing;
using Sharprun.Net.Igmp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Ip;

/// <summary>IPv4 (RFC 791, RFC 1122): validation and demultiplexing of received packets, reassembly, routing and fragmentation of sent ones.</summary>
internal sealed class Ipv4Layer(NetworkStack stack)
{
    public const byte DefaultTimeToLive = 64;

    private readonly Ipv4Reassembly _reassembly = new();
    private readonly byte[] _fragment = PacketBuffer.Allocate();
    private ushort _identification = (ushort)stack.Random.Next();

    public Ipv4Reassembly Reassembly => _reassembly;

    public ulong RunTimers(ulong now) => _reassembly.RunTimers(now, stack.Statistics);

    public void Input(NetworkInterface face, ReadOnlySpan<byte> packet, bool checksumVerified)
    {
        if (!Ipv4Header.TryRead(packet, out var header, out var reason))
        {
            stack.Statistics.Drop(reason);
            return;
        }
        packet = packet[..header.TotalLength];
        var source = header.Source;
        if (source.IsMulticast || face.IsBroadcastV4(source) || (source.IsLoopback && !face.IsLoopback))
        {
            stack.Statistics.Drop(DropReason.Ipv4BadSource);
            return;
        }
        if (!Accepts(face, header))
        {
            stack.Statistics.Drop(DropReason.NotForThisHost);
            return;
        }
        if (!header.IsFragment)
        {
            Deliver(face, header, packet, checksumVerified);
            return;
        }
        bool complete = _reassembly.TryAdd(header, packet, stack.Now, stack.Statistics, out byte[] buffer, out int start, out int length);
        stack.ArmTimer(_reassembly.NextDeadline);
        if (complete)
            Deliver(face, header with { TotalLength = length }, buffer.AsSpan(start, length), checksumVerified: false);
    }

    private bool Accepts(NetworkInterface face, in Ipv4Header header)
    {
        var destination = header.Destination;
        if (face.IsLoopback)
            return stack.Routes.IsLocal(destination);
        if (destination.IsLoopback)
            return false;
        if (face.IsBroadcastV4(destination) || IgmpLayer.IsAllHosts(destination) || face.MulticastGroups.Contains(destination))
            return true;
        if (stack.Routes.IsLocal(destination))
            return true;
        // Before DHCP's lease a server may answer to the address it offers: let UDP through to the DHCP client.
        return face.Ipv4Address is null && header.Protocol == IpProtocol.Udp;
    }

    private void Deliver(NetworkInterface face, in Ipv4Header header, ReadOnlySpan<byte> packet, bool checksumVerified)
    {
        var payload = packet[header.HeaderLength..];
        bool broadcast = face.IsBroadcastV4(header.Destination) || header.Destination.IsMulticast;
        switch (header.Protocol)
        {
            case IpProtocol.Icmpv4:
                stack.Icmpv4.Input(face, header, packet, payload, broadcast);
                break;
            case IpProtocol.Udp:
                stack.Udp.Input(face, header.Source, header.Destination, payload, checksumVerified, packet, broadcast);
                break;
            case IpProtocol.Igmp:
                stack.Igmp.Input(face, payload);
                break;
            case IpProtocol.Tcp:
                if (!broadcast)
                    stack.Tcp.Input(header.Source, header.Destination, payload, checksumVerified);
                break;
            default:
                stack.Statistics.Drop(DropReason.UnknownProtocol);
                if (!broadcast)
                    stack.Icmpv4.SendError(Icmp.Icmpv4Layer.TypeDestinationUnreachable, Icmp.Icmpv4Layer.CodeProtocolUnreachable, packet, 0);
                break;
        }
    }

    /// <summary>
    /// Sends the payload at <paramref name="buffer"/>[<see cref="PacketBuffer.Headroom"/>..], fragmenting it for the
    /// route's MTU unless <paramref name="dontFragment"/>. <paramref name="via"/> bypasses routing (DHCP before an
    /// address, on a chosen interface, to <paramref name="destination"/> directly).
    /// </summary>
    public NetError Send(IpAddress source, IpAddress destination, byte protocol, byte[] buffer, int payloadLength,
        byte timeToLive = DefaultTimeToLive, bool dontFragment = false, NetworkInterface? via = null)
    {
        if (!stack.Routes.TryChooseHop(destination, via, out NetworkInterface face, out IpAddress nextHop))
            return NetError.NetworkUnreachable;
        if (payloadLength + Ipv4Header.MinimumLength > PacketBuffer.MaxIpPacket)
            return NetError.MessageTooLong;
        int ipStart = PacketBuffer.Headroom - Ipv4Header.MinimumLength;
        if (payloadLength + Ipv4Header.MinimumLength <= face.Mtu)
        {
            Ipv4Header.Write(buffer.AsSpan(ipStart), Ipv4Header.MinimumLength + payloadLength, _identification++,
                dontFragment ? Ipv4Header.DontFragment : (ushort)0, timeToLive, protocol, source, destination);
            stack.TransmitIp(face, buffer, ipStart, Ipv4Header.MinimumLength + payloadLength, nextHop);
            return NetError.Success;
        }
        if (dontFragment)
            return NetError.MessageTooLong;
        int chunk = (face.Mtu - Ipv4Header.MinimumLength) & ~7;
        ushort identification = _identification++;
        for (int offset = 0; offset < payloadLength; offset += chunk)
        {
            int length = Math.Min(chunk, payloadLength - offset);
            ushort flags = (ushort)((offset / 8) | (offset + length < payloadLength ? Ipv4Header.MoreFragments : 0));
            buffer.AsSpan(PacketBuffer.Headroom + offset, length).CopyTo(_fragment.AsSpan(PacketBuffer.Headroom));
            Ipv4Header.Write(_fragment.AsSpan(ipStart), Ipv4Header.MinimumLength + length, identification, flags, timeToLive, protocol, source, destination);
            stack.TransmitIp(face, _fragment, ipStart, Ipv4Header.MinimumLength + length, nextHop);
        }
        return NetError.Success;
    }
}
