using System.Buffers.Binary;

namespace Sharprun.Net.Links;

/// <summary>Ethernet II framing: destination, source, EtherType; no VLAN tags, no FCS.</summary>
internal static class EthernetHeader
{
    public const int Length = 14;
    public const ushort TypeIpv4 = 0x0800;
    public const ushort TypeArp = 0x0806;
    public const ushort TypeIpv6 = 0x86DD;

    public static MacAddress Destination(ReadOnlySpan<byte> frame) => MacAddress.Read(frame);

    public static MacAddress Source(ReadOnlySpan<byte> frame) => MacAddress.Read(frame[6..]);

    public static ushort EtherType(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);

    public static void Write(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType)
    {
        destination.Write(frame);
        source.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    /// <summary>The Ethernet group address an IP multicast address maps to (RFC 1112 §6.4, RFC 2464 §7).</summary>
    public static MacAddress MulticastMac(Addressing.IpAddress address) => address.IsV4
        ? new MacAddress(0x0100_5E00_0000UL | (address.V4 & 0x007F_FFFF))
        : new MacAddress(0x3333_0000_0000UL | (uint)address.Low);
}
