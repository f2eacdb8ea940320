using System.Buffers.Binary;
using Sharprun.Net.Addressing;

namespace Sharprun.Net.Tcp;

/// <summary>Writes TCP headers and their checksum.</summary>
internal static class TcpHeaderWriter
{
    /// <summary>The largest header this writer produces: 20 bytes plus 40 of options.</summary>
    public const int MaximumHeaderSize = 60;

    /// <summary>Writes the header into the start of <paramref name="buffer"/>; returns its length.</summary>
    public static int Write(Span<byte> buffer, ushort sourcePort, ushort destinationPort, uint sequence, uint acknowledgment,
        TcpFlags flags, ushort window, in OutgoingTcpOptions options)
    {
        int o = TcpSegment.HeaderSize;
        if (options.MaximumSegmentSize != 0)
        {
            buffer[o] = 2;
            buffer[o + 1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(buffer[(o + 2)..], options.MaximumSegmentSize);
            o += 4;
        }
        if (options.SackPermitted && options.Timestamps)
        {
            buffer[o] = 4;
            buffer[o + 1] = 2;
            o += 2;
        }
        else if (options.SackPermitted)
        {
            buffer[o] = 1;
            buffer[o + 1] = 1;
            buffer[o + 2] = 4;
            buffer[o + 3] = 2;
            o += 4;
        }
        if (options.Timestamps)
        {
            if (!options.SackPermitted)
            {
                buffer[o] = 1;
                buffer[o + 1] = 1;
                o += 2;
            }
            buffer[o] = 8;
            buffer[o + 1] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(o + 2)..], options.TimestampValue);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[(o + 6)..], options.TimestampEcho);
            o += 10;
        }
        if (options.WindowScale >= 0)
        {
            buffer[o] = 1;
            buffer[o + 1] = 3;
            buffer[o + 2] = 3;
            buffer[o + 3] = (byte)options.WindowScale;
            o += 4;
        }
        int blocks = Math.Min(options.SackEdges.Length / 2, options.Timestamps ? 3 : 4);
        if (blocks > 0)
        {
            buffer[o] = 1;
            buffer[o + 1] = 1;
            buffer[o + 2] = 5;
            buffer[o + 3] = (byte)(2 + 8 * blocks);
            o += 4;
            for (int b = 0; b < blocks * 2; b++, o += 4)
                BinaryPrimitives.WriteUInt32BigEndian(buffer[o..], options.SackEdges[b]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], acknowledgment);
        buffer[12] = (byte)((o / 4) << 4);
        buffer[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[14..], window);
        buffer[16] = 0;
        buffer[17] = 0;
        buffer[18] = 0;
        buffer[19] = 0;
        return o;
    }

    /// <summary>Fills the checksum of a complete segment (header with a zero checksum field, then payload).</summary>
    public static void FillChecksum(Span<byte> segment, IpAddress source, IpAddress destination)
    {
        uint sum = InternetChecksum.PseudoHeader(source, destination, 6, segment.Length);
        sum = InternetChecksum.Add(sum, segment);
        BinaryPrimitives.WriteUInt16BigEndian(segment[16..], InternetChecksum.Finish(sum));
    }
}
