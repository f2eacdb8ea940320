using System.Buffers.Binary;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>The test's own reading of a TCP segment, independent of the parser under test.</summary>
internal readonly struct SegmentView(byte[] bytes)
{
    public const byte Fin = 1, Syn = 2, Rst = 4, Psh = 8, Ack = 16;

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(bytes);
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2));
    public uint Sequence => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
    public uint Acknowledgment => BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8));
    public int HeaderLength => (bytes[12] >> 4) * 4;
    public byte Flags => bytes[13];
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(14));
    public int PayloadLength => bytes.Length - HeaderLength;
    public ReadOnlySpan<byte> Payload => bytes.AsSpan(HeaderLength);

    public bool Is(byte flag) => (Flags & flag) != 0;

    /// <summary>The value bytes of option <paramref name="kind"/>, or null.</summary>
    public byte[]? Option(byte kind)
    {
        int i = 20;
        while (i < HeaderLength)
        {
            byte k = bytes[i];
            if (k == 0)
                break;
            if (k == 1)
            {
                i++;
                continue;
            }
            int length = bytes[i + 1];
            if (k == kind)
                return bytes.AsSpan(i + 2, length - 2).ToArray();
            i += length;
        }
        return null;
    }

    /// <summary>SACK blocks as (left, right) pairs.</summary>
    public List<(uint Left, uint Right)> SackBlocks()
    {
        var blocks = new List<(uint, uint)>();
        if (Option(5) is { } value)
        {
            for (int i = 0; i + 8 <= value.Length; i += 8)
                blocks.Add((BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(i)), BinaryPrimitives.ReadUInt32BigEndian(value.AsSpan(i + 4))));
        }
        return blocks;
    }

    public override string ToString() =>
        $"{SourcePort}->{DestinationPort} seq={Sequence} ack={Acknowledgment} flags={Flags:X2} win={Window} len={PayloadLength}";
}
