using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// Rewrites the IPv4 header checksum and the UDP, TCP, ICMP or ICMPv6 checksum of an Ethernet frame in place, so a
/// mutated frame reaches the code behind the checksum checks. Lengths are taken as the frame says, clamped to what
/// is there; whatever does not parse is left alone.
/// </summary>
public static class ChecksumRepair
{
    private const int EthernetHeaderLength = 14;
    private const byte Icmp = 1, Tcp = 6, Udp = 17, Icmpv6 = 58;

    public static void Repair(Span<byte> frame)
    {
        if (frame.Length < EthernetHeaderLength + 20)
            return;
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var ip = frame[EthernetHeaderLength..];
        if (type == 0x0800)
            RepairIpv4(ip);
        else if (type == 0x86DD)
            RepairIpv6(ip);
    }

    private static void RepairIpv4(Span<byte> ip)
    {
        int headerLength = (ip[0] & 0xF) * 4;
        if (headerLength < 20 || headerLength > ip.Length)
            return;
        ip[10] = ip[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(InternetChecksum.Add(0, ip[..headerLength])));
        bool fragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x3FFF) != 0;
        if (fragment)
            return;
        int totalLength = Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), headerLength, ip.Length);
        var source = IpAddress.Read(ip.Slice(12, 4));
        var destination = IpAddress.Read(ip.Slice(16, 4));
        RepairTransport(ip[9], source, destination, ip[headerLength..totalLength]);
    }

    private static void RepairIpv6(Span<byte> ip)
    {
        if (ip.Length < 40)
            return;
        int end = Math.Min(40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), ip.Length);
        RepairTransport(ip[6], IpAddress.Read(ip.Slice(8, 16)), IpAddress.Read(ip.Slice(24, 16)), ip[40..end]);
    }

    private static void RepairTransport(byte protocol, IpAddress source, IpAddress destination, Span<byte> segment)
    {
        int offset = protocol switch { Icmp or Icmpv6 => 2, Udp => 6, Tcp => 16, _ => -1 };
        if (offset < 0 || segment.Length < offset + 2)
            return;
        if (protocol == Udp && segment.Length >= 8)
            segment = segment[..Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(segment[4..]), 8, segment.Length)];
        segment[offset] = segment[offset + 1] = 0;
        uint sum = protocol == Icmp ? 0 : InternetChecksum.PseudoHeader(source, destination, protocol, segment.Length);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, segment));
        // UDP sends a computed 0 as all ones: 0 means "no checksum".
        if (protocol == Udp && checksum == 0)
            checksum = 0xFFFF;
        BinaryPrimitives.WriteUInt16BigEndian(segment[offset..], checksum);
    }
}
