using System.Buffers.Binary;

namespace Sharprun.Net.Addressing;

/// <summary>
/// The Internet checksum (RFC 1071): the one's-complement sum of 16-bit big-endian words. Sums are carried as
/// uint accumulators so headers, pseudo-headers and payloads can be added piece by piece, then folded once.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to <paramref name="sum"/>; an odd length is padded with a zero byte (only the last piece may be odd).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        ulong total = sum;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(data[i..]);
            total += (word >> 48) + ((word >> 32) & 0xFFFF) + ((word >> 16) & 0xFFFF) + (word & 0xFFFF);
        }
        for (; i + 2 <= data.Length; i += 2)
            total += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            total += (uint)data[i] << 8;
        while ((total >> 32) != 0)
            total = (total & 0xFFFF_FFFF) + (total >> 32);
        return (uint)total;
    }

    /// <summary>The sum of the TCP/UDP pseudo-header (RFC 793 for IPv4, RFC 8200 §8.1 for IPv6).</summary>
    public static uint PseudoHeader(IpAddress source, IpAddress destination, byte protocol, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        uint sum = 0;
        int size = source.Write(bytes);
        sum = Add(sum, bytes[..size]);
        size = destination.Write(bytes);
        sum = Add(sum, bytes[..size]);
        return sum + protocol + (uint)(length & 0xFFFF) + (uint)(length >> 16);
    }

    /// <summary>Folds a sum to 16 bits and complements it: the value to store in a header.</summary>
    public static ushort Finish(uint sum)
    {
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>True when data that includes its own checksum field sums to all ones.</summary>
    public static bool Verifies(uint sum) => Finish(sum) == 0;
}
