using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Ip;

/// <summary>An IPv4 header (RFC 791) read from a packet after validation; options are skipped, not interpreted.</summary>
internal readonly struct Ipv4Header
{
    public const int MinimumLength = 20;
    public const ushort MoreFragments = 0x2000;
    public const ushort DontFragment = 0x4000;
    public const ushort OffsetMask = 0x1FFF;

    public int HeaderLength { get; init; }
    public int TotalLength { get; init; }
    public ushort Identification { get; init; }
    public ushort FlagsAndOffset { get; init; }
    public byte TimeToLive { get; init; }
    public byte Protocol { get; init; }
    public IpAddress Source { get; init; }
    public IpAddress Destination { get; init; }

    public bool IsFragment => (FlagsAndOffset & (MoreFragments | OffsetMask)) != 0;
    public int FragmentOffset => (FlagsAndOffset & OffsetMask) * 8;
    public bool HasMoreFragments => (FlagsAndOffset & MoreFragments) != 0;

    /// <summary>Validates version, lengths and the header checksum; <paramref name="reason"/> says why not.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out Ipv4Header header, out DropReason reason)
    {
        header = default;
        reason = DropReason.Ipv4Malformed;
        if (packet.Length < MinimumLength || (packet[0] >> 4) != 4)
            return false;
        int headerLength = (packet[0] & 0xF) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinimumLength || totalLength < headerLength || totalLength > packet.Length)
            return false;
        if (!InternetChecksum.Verifies(InternetChecksum.Add(0, packet[..headerLength])))
        {
            reason = DropReason.Ipv4BadChecksum;
            return false;
        }
        header = new Ipv4Header
        {
            HeaderLength = headerLength,
            TotalLength = totalLength,
            Identification = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            FlagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]),
            TimeToLive = packet[8],
            Protocol = packet[9],
            Source = IpAddress.Read(packet.Slice(12, 4)),
            Destination = IpAddress.Read(packet.Slice(16, 4)),
        };
        return true;
    }

    /// <summary>Writes a 20-byte header without options, checksum included.</summary>
    public static void Write(Span<byte> header, int totalLength, ushort identification, ushort flagsAndOffset, byte timeToLive,
        byte protocol, IpAddress source, IpAddress destination)
    {
        header[0] = 0x45;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], flagsAndOffset);
        header[8] = timeToLive;
        header[9] = protocol;
        header[10] = 0;
        header[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], source.V4);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], destination.V4);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Finish(InternetChecksum.Add(0, header[..MinimumLength])));
    }
}
