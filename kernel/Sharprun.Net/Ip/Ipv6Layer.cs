using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Ip;

/// <summary>IPv6 (RFC 8200): validation and demultiplexing, routing of sent packets. No fragmentation either way.</summary>
internal sealed class Ipv6Layer(NetworkStack stack)
{
    public const byte DefaultHopLimit = 64;

    private static readonly IpAddress AllNodes = new(0xFF02_0000_0000_0000UL, 1);

    public void Input(NetworkInterface face, ReadOnlySpan<byte> packet, bool checksumVerified)
    {
        if (!Ipv6Header.TryRead(packet, out var header, out var reason))
        {
            stack.Statistics.Drop(reason);
            return;
        }
        if (header.Source.IsMulticast || header.Source.IsV4 || (header.Source.IsLoopback && !face.IsLoopback))
        {
            stack.Statistics.Drop(DropReason.Ipv6Malformed);
            return;
        }
        if (!Accepts(face, header.Destination))
        {
            stack.Statistics.Drop(DropReason.NotForThisHost);
            return;
        }
        var whole = packet[..(header.PayloadOffset + header.PayloadLength)];
        var payload = whole[header.PayloadOffset..];
        bool multicast = header.Destination.IsMulticast;
        switch (header.Protocol)
        {
            case IpProtocol.Icmpv6:
                stack.Icmpv6.Input(face, header, whole, payload);
                break;
            case IpProtocol.Udp:
                stack.Udp.Input(face, header.Source, header.Destination, payload, checksumVerified, whole, multicast);
                break;
            case IpProtocol.Tcp:
                if (!multicast)
                    stack.Tcp.Input(header.Source, header.Destination, payload, checksumVerified);
                break;
            case IpProtocol.NoNextHeader:
                break;
            default:
                stack.Statistics.Drop(DropReason.UnknownProtocol);
                break;
        }
    }

    private bool Accepts(NetworkInterface face, IpAddress destination)
    {
        if (destination.IsV4)
            return false;
        if (face.IsLoopback)
            return destination == IpAddress.LoopbackV6;
        if (destination == AllNodes)
            return true;
        if (destination.IsMulticast)
            return IsSolicitedNodeOf(face, destination) || face.MulticastGroups.Contains(destination);
        return !destination.IsLoopback && stack.Routes.IsLocal(destination);
    }

    /// <summary>ff02::1:ffXX:XXXX for one of the interface's addresses (RFC 4291 §2.7.1).</summary>
    private static bool IsSolicitedNodeOf(NetworkInterface face, IpAddress destination)
    {
        foreach (var address in face.Ipv6Addresses)
        {
            if (SolicitedNode(address) == destination)
                return true;
        }
        return false;
    }

    public static IpAddress SolicitedNode(IpAddress address) =>
        new(0xFF02_0000_0000_0000UL, 0x0000_0001_FF00_0000UL | (address.Low & 0xFF_FFFF));

    /// <summary>Sends the payload at <paramref name="buffer"/>[<see cref="PacketBuffer.Headroom"/>..]; <paramref name="via"/> bypasses routing.</summary>
    public NetError Send(IpAddress source, IpAddress destination, byte protocol, byte[] buffer, int payloadLength,
        byte hopLimit = DefaultHopLimit, NetworkInterface? via = null)
    {
        if (!stack.Routes.TryChooseHop(destination, via, out NetworkInterface face, out IpAddress nextHop))
            return NetError.NetworkUnreachable;
        if (payloadLength + Ipv6Header.Length > face.Mtu)
            return NetError.MessageTooLong;
        int ipStart = PacketBuffer.Headroom - Ipv6Header.Length;
        Ipv6Header.Write(buffer.AsSpan(ipStart), payloadLength, protocol, hopLimit, source, destination);
        stack.TransmitIp(face, buffer, ipStart, Ipv6Header.Length + payloadLength, nextHop);
        return NetError.Success;
    }
}
