namespace Sharprun.Net.Fuzz;

/// <summary>
/// One step of a fuzz input: the clock moves on by <see cref="AdvanceNanoseconds"/>, then a frame (possibly empty:
/// time passes only) arrives on interface <see cref="Interface"/>. Encoded as a big-endian 16-bit header and the
/// frame's bytes: bits 0–10 the length, bit 11 "the device verified the checksum", bit 12 the interface (0 eth0,
/// 1 eth1), bit 13 "the harness repairs the IP and transport checksums" (so mutations get past them), bits 14–15
/// an index into <see cref="Advances"/>.
/// </summary>
public readonly record struct FrameRecord(int Offset, int Length, bool ChecksumVerified, int Interface, bool RepairChecksums, int AdvanceIndex)
{
    public const int HeaderLength = 2;
    public const int MaxLength = 0x7FF;

    /// <summary>Clock steps a record can ask for: none, a delayed ACK, an RTO, past reassembly's 30 s.</summary>
    public static readonly ulong[] Advances = [0, 40_000_000, 1_000_000_000, 31_000_000_000];

    public ulong AdvanceNanoseconds => Advances[AdvanceIndex];

    /// <summary>The records of an input; a last record whose length runs past the end gets the bytes that remain.</summary>
    public static List<FrameRecord> Split(ReadOnlySpan<byte> input)
    {
        var records = new List<FrameRecord>();
        int position = 0;
        while (position + HeaderLength <= input.Length)
        {
            int header = (input[position] << 8) | input[position + 1];
            position += HeaderLength;
            int length = Math.Min(header & MaxLength, input.Length - position);
            records.Add(new FrameRecord(position, length, (header & 0x800) != 0, (header >> 12) & 1, (header & 0x2000) != 0, header >> 14));
            position += length;
        }
        return records;
    }

    /// <summary>Appends one record to <paramref name="output"/>.</summary>
    public static void Write(List<byte> output, ReadOnlySpan<byte> frame, int face = 0, bool repairChecksums = true, int advanceIndex = 0, bool checksumVerified = false)
    {
        if (frame.Length > MaxLength)
            throw new ArgumentException($"a frame of {frame.Length} bytes does not fit a record", nameof(frame));
        int header = frame.Length | (checksumVerified ? 0x800 : 0) | (face << 12) | (repairChecksums ? 0x2000 : 0) | (advanceIndex << 14);
        output.Add((byte)(header >> 8));
        output.Add((byte)header);
        output.AddRange(frame);
    }
}
