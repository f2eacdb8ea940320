using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Ip;

namespace Sharprun.Net.Udp;

/// <summary>The UDP header (RFC 768) and its checksum over the pseudo-header.</summary>
internal static class UdpHeader
{
    public const int Length = 8;

    public static ushort SourcePort(ReadOnlySpan<byte> datagram) => BinaryPrimitives.ReadUInt16BigEndian(datagram);

    public static ushort DestinationPort(ReadOnlySpan<byte> datagram) => BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);

    /// <summary>Writes the header in front of the payload already in place and fills in the checksum.</summary>
    public static void Write(Span<byte> datagram, IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort)
    {
        BinaryPrimitives.WriteUInt16BigEndian(datagram, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[4..], (ushort)datagram.Length);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], 0);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(
            InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, datagram.Length), datagram));
        // RFC 768: a computed zero is sent as all ones; zero means "no checksum".
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }
}
