using System.Buffers.Binary;

namespace Sharprun.Net.Tcp;

/// <summary>
/// A parsed, validated incoming TCP segment: header fields, the options TCP uses (RFC 9293 MSS, RFC 7323 window
/// scale and timestamps, RFC 2018 SACK) and the payload. Parsing never throws; a malformed header is refused.
/// </summary>
internal readonly ref struct TcpSegment
{
    public const int HeaderSize = 20;

    private const byte OptionEnd = 0, OptionNop = 1, OptionMss = 2, OptionWindowScale = 3, OptionSackPermitted = 4, OptionSack = 5, OptionTimestamps = 8;

    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public uint Sequence { get; init; }
    public uint Acknowledgment { get; init; }
    public TcpFlags Flags { get; init; }
    /// <summary>The raw 16-bit window field (unscaled).</summary>
    public ushort Window { get; init; }
    /// <summary>The MSS option, 0 when absent.</summary>
    public ushort MaximumSegmentSize { get; init; }
    /// <summary>The window-scale shift (clamped to 14 per RFC 7323 §2.3), -1 when absent.</summary>
    public int WindowScale { get; init; }
    public bool SackPermitted { get; init; }
    public bool HasTimestamps { get; init; }
    public uint TimestampValue { get; init; }
    public uint TimestampEcho { get; init; }
    /// <summary>The SACK option's blocks, 8 bytes each (left edge, right edge).</summary>
    public ReadOnlySpan<byte> SackBlocks { get; init; }
    public ReadOnlySpan<byte> Payload { get; init; }

    public bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>Sequence space the segment occupies: payload plus one each for SYN and FIN.</summary>
    public uint SequenceLength => (uint)Payload.Length + (Has(TcpFlags.Syn) ? 1u : 0) + (Has(TcpFlags.Fin) ? 1u : 0);

    public int SackBlockCount => SackBlocks.Length / 8;

    public void GetSackBlock(int index, out uint left, out uint right)
    {
        left = BinaryPrimitives.ReadUInt32BigEndian(SackBlocks[(index * 8)..]);
        right = BinaryPrimitives.ReadUInt32BigEndian(SackBlocks[(index * 8 + 4)..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> bytes, out TcpSegment segment)
    {
        segment = default;
        if (bytes.Length < HeaderSize)
            return false;
        int headerLength = (bytes[12] >> 4) * 4;
        if (headerLength < HeaderSize || headerLength > bytes.Length)
            return false;
        ushort sourcePort = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        ushort destinationPort = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        if (sourcePort == 0 || destinationPort == 0)
            return false;
        var flags = (TcpFlags)(bytes[13] & 0x3F);
        // Combinations no stack sends; accepting them only helps scanners and confuses the state machine.
        if ((flags & (TcpFlags.Syn | TcpFlags.Rst)) == (TcpFlags.Syn | TcpFlags.Rst) || (flags & (TcpFlags.Syn | TcpFlags.Fin)) == (TcpFlags.Syn | TcpFlags.Fin))
            return false;

        ushort mss = 0;
        int windowScale = -1;
        bool sackPermitted = false, hasTimestamps = false;
        uint tsValue = 0, tsEcho = 0;
        ReadOnlySpan<byte> sack = default;
        ReadOnlySpan<byte> options = bytes[HeaderSize..headerLength];
        int i = 0;
        while (i < options.Length)
        {
            byte kind = options[i];
            if (kind == OptionEnd)
                break;
            if (kind == OptionNop)
            {
                i++;
                continue;
            }
            if (i + 1 >= options.Length)
                return false;
            int length = options[i + 1];
            if (length < 2 || i + length > options.Length)
                return false;
            ReadOnlySpan<byte> value = options.Slice(i + 2, length - 2);
            // Known options of the wrong size are ignored, as Linux does, rather than failing the segment.
            switch (kind)
            {
                case OptionMss when value.Length == 2:
                    mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
                case OptionWindowScale when value.Length == 1:
                    windowScale = Math.Min((int)value[0], 14);
                    break;
                case OptionSackPermitted when value.Length == 0:
                    sackPermitted = true;
                    break;
                case OptionSack when value.Length >= 8 && value.Length % 8 == 0:
                    sack = value;
                    break;
                case OptionTimestamps when value.Length == 8:
                    hasTimestamps = true;
                    tsValue = BinaryPrimitives.ReadUInt32BigEndian(value);
                    tsEcho = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
                    break;
            }
            i += length;
        }

        segment = new TcpSegment
        {
            SourcePort = sourcePort,
            DestinationPort = destinationPort,
            Sequence = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]),
            Acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            Flags = flags,
            Window = BinaryPrimitives.ReadUInt16BigEndian(bytes[14..]),
            MaximumSegmentSize = mss,
            WindowScale = windowScale,
            SackPermitted = sackPermitted,
            HasTimestamps = hasTimestamps,
            TimestampValue = tsValue,
            TimestampEcho = tsEcho,
            SackBlocks = sack,
            Payload = bytes[headerLength..],
        };
        return true;
    }
}
