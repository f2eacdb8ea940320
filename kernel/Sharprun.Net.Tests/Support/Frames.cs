using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Net.Tests.Support;

/// <summary>Frames written byte by byte for scripted peers, independently of the stack's own writers.</summary>
internal static class Frames
{
    public static byte[] Ethernet(MacAddress destination, MacAddress source, ushort type, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + payload.Length];
        destination.Write(frame);
        source.Write(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), type);
        payload.CopyTo(frame.AsSpan(14));
        return frame;
    }

    public static byte[] Ipv4(IpAddress source, IpAddress destination, byte protocol, ReadOnlySpan<byte> payload, ushort id = 1, ushort flags = 0, byte ttl = 64)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), flags);
        packet[8] = ttl;
        packet[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source.V4);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination.V4);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum.Finish(InternetChecksum.Add(0, packet.AsSpan(0, 20))));
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

    public static byte[] Udp(IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var datagram = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        payload.CopyTo(datagram.AsSpan(8));
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 17, datagram.Length), datagram));
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(6), checksum == 0 ? (ushort)0xFFFF : checksum);
        return datagram;
    }

    public static byte[] Icmpv6(IpAddress source, IpAddress destination, ReadOnlySpan<byte> message)
    {
        var copy = message.ToArray();
        copy[2] = copy[3] = 0;
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 58, copy.Length), copy));
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(2), checksum);
        return copy;
    }

    /// <summary>The UDP payload of an IPv4 frame to <paramref name="port"/>, or null.</summary>
    public static byte[]? UdpPayloadTo(byte[] frame, ushort port, out IpAddress source, out ushort sourcePort)
    {
        source = default;
        sourcePort = 0;
        if (frame.Length < 14 + 28 || BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != 0x0800 || frame[14 + 9] != 17)
            return null;
        int ihl = (frame[14] & 0xF) * 4;
        var udp = frame.AsSpan(14 + ihl);
        if (BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) != port)
            return null;
        source = IpAddress.Read(frame.AsSpan(14 + 12, 4));
        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        return udp[8..BinaryPrimitives.ReadUInt16BigEndian(udp[4..])].ToArray();
    }
}
