using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Ip;

/// <summary>An IPv6 header (RFC 8200) with the extension headers before the upper layer skipped.</summary>
internal readonly struct Ipv6Header
{
    public const int Length = 40;

    public byte HopLimit { get; init; }
    public IpAddress Source { get; init; }
    public IpAddress Destination { get; init; }
    /// <summary>The upper-layer protocol after the skipped extension headers.</summary>
    public byte Protocol { get; init; }
    /// <summary>Where the upper-layer data starts and how long it is.</summary>
    public int PayloadOffset { get; init; }
    public int PayloadLength { get; init; }

    private const int MaxExtensionHeaders = 8;

    public static bool TryRead(ReadOnlySpan<byte> packet, out Ipv6Header header, out DropReason reason)
    {
        header = default;
        reason = DropReason.Ipv6Malformed;
        if (packet.Length < Length || (packet[0] >> 4) != 6)
            return false;
        int end = Length + BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        if (end > packet.Length)
            return false;
        byte next = packet[6];
        int offset = Length;
        for (int count = 0; next is IpProtocol.HopByHop or IpProtocol.Routing or IpProtocol.DestinationOptions; count++)
        {
            if (count == MaxExtensionHeaders || offset + 8 > end)
                return false;
            next = packet[offset];
            offset += (packet[offset + 1] + 1) * 8;
            if (offset > end)
                return false;
        }
        if (next == IpProtocol.Fragment)
        {
            // Reassembly of IPv6 fragments is not implemented: a fragmented IPv6 datagram is dropped (counted).
            reason = DropReason.Ipv6Unsupported;
            return false;
        }
        header = new Ipv6Header
        {
            HopLimit = packet[7],
            Source = IpAddress.Read(packet.Slice(8, 16)),
            Destination = IpAddress.Read(packet.Slice(24, 16)),
            Protocol = next,
            PayloadOffset = offset,
            PayloadLength = end - offset,
        };
        return true;
    }

    public static void Write(Span<byte> header, int payloadLength, byte protocol, byte hopLimit, IpAddress source, IpAddress destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x6000_0000);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)payloadLength);
        header[6] = protocol;
        header[7] = hopLimit;
        source.WriteV6(header[8..]);
        destination.WriteV6(header[24..]);
    }
}
