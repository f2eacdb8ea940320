using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>Crafts segments for tests, checksum included (the layer trusts its caller for that).</summary>
internal static class SegmentBuilder
{
    public static byte[] Build(IpAddress source, IpAddress destination, ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment,
        byte flags, ushort window, ReadOnlySpan<byte> options = default, ReadOnlySpan<byte> payload = default)
    {
        int optionLength = (options.Length + 3) / 4 * 4;
        var bytes = new byte[20 + optionLength + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), acknowledgment);
        bytes[12] = (byte)(((20 + optionLength) / 4) << 4);
        bytes[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), window);
        options.CopyTo(bytes.AsSpan(20));
        payload.CopyTo(bytes.AsSpan(20 + optionLength));
        uint sum = InternetChecksum.PseudoHeader(source, destination, 6, bytes.Length);
        sum = InternetChecksum.Add(sum, bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), InternetChecksum.Finish(sum));
        return bytes;
    }

    /// <summary>Recomputes the checksum of a (changed) segment in place and returns it.</summary>
    public static byte[] WithChecksum(IpAddress source, IpAddress destination, byte[] bytes)
    {
        bytes[16] = 0;
        bytes[17] = 0;
        uint sum = InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 6, bytes.Length), bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), InternetChecksum.Finish(sum));
        return bytes;
    }

    public static bool ChecksumVerifies(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment) =>
        InternetChecksum.Verifies(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, 6, segment.Length), segment));
}
