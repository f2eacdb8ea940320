using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// Builds the seed corpus's frames. Checksum fields are left zero: the seeds' records ask the harness to repair
/// them (<see cref="ChecksumRepair"/>), which also keeps the seeds valid when a mutation changes a byte.
/// </summary>
public static class PacketBuilder
{
    public const ushort TypeIpv4 = 0x0800, TypeArp = 0x0806, TypeIpv6 = 0x86DD;

    public static byte[] Ethernet(MacAddress destination, MacAddress source, ushort type, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + payload.Length];
        destination.Write(frame);
        source.Write(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), type);
        payload.CopyTo(frame.AsSpan(14));
        return frame;
    }

    /// <summary>An ARP request (operation 1) or reply (2) for IPv4 over Ethernet.</summary>
    public static byte[] Arp(ushort operation, MacAddress senderMac, IpAddress senderIp, MacAddress targetMac, IpAddress targetIp)
    {
        var arp = new byte[28];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(2), TypeIpv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp.AsSpan(6), operation);
        senderMac.Write(arp.AsSpan(8));
        senderIp.Write(arp.AsSpan(14));
        targetMac.Write(arp.AsSpan(18));
        targetIp.Write(arp.AsSpan(24));
        return arp;
    }

    /// <summary>An IPv4 header (no options) and payload; <paramref name="fragment"/> is the flags-and-offset word.</summary>
    public static byte[] Ipv4(IpAddress source, IpAddress destination, byte protocol, ReadOnlySpan<byte> payload, ushort id = 1, ushort fragment = 0, int? totalLength = null)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(totalLength ?? packet.Length));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), fragment);
        packet[8] = 64;
        packet[9] = protocol;
        source.Write(packet.AsSpan(12));
        destination.Write(packet.AsSpan(16));
        payload.CopyTo(packet.AsSpan(20));
        return packet;
    }

    public static byte[] Ipv6(IpAddress source, IpAddress destination, byte nextHeader, ReadOnlySpan<byte> payload, byte hopLimit = 255)
    {
        var packet = new byte[40 + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)payload.Length);
        packet[6] = nextHeader;
        packet[7] = hopLimit;
        source.WriteV6(packet.AsSpan(8));
        destination.WriteV6(packet.AsSpan(24));
        payload.CopyTo(packet.AsSpan(40));
        return packet;
    }

    public static byte[] UdpDatagram(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        return datagram;
    }

    /// <summary>A TCP segment; <paramref name="options"/> must be a multiple of 4 bytes long.</summary>
    public static byte[] TcpSegment(ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment, byte flags, ReadOnlySpan<byte> options, ReadOnlySpan<byte> payload, ushort window = 65535)
    {
        var segment = new byte[20 + options.Length + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(segment, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(segment.AsSpan(8), acknowledgment);
        segment[12] = (byte)((20 + options.Length) / 4 << 4);
        segment[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(14), window);
        options.CopyTo(segment.AsSpan(20));
        payload.CopyTo(segment.AsSpan(20 + options.Length));
        return segment;
    }

    /// <summary>An ICMP or ICMPv6 message: type, code, checksum (zero), then <paramref name="body"/>.</summary>
    public static byte[] IcmpMessage(byte type, byte code, ReadOnlySpan<byte> body)
    {
        var message = new byte[4 + body.Length];
        message[0] = type;
        message[1] = code;
        body.CopyTo(message.AsSpan(4));
        return message;
    }

    /// <summary>The link-layer address option of NDP (type 1 source, 2 target).</summary>
    public static byte[] LinkLayerOption(byte type, MacAddress mac)
    {
        var option = new byte[8];
        option[0] = type;
        option[1] = 1;
        mac.Write(option.AsSpan(2));
        return option;
    }

    /// <summary>The multicast MAC of an IPv6 multicast group (33:33 and its low 32 bits).</summary>
    public static MacAddress MulticastMac(IpAddress group) => new(0x3333_0000_0000UL | (uint)group.Low);

    public static IpAddress V6(string text) => IpAddress.Read(System.Net.IPAddress.Parse(text).GetAddressBytes());
}
