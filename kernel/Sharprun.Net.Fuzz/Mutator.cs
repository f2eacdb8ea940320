using System.Buffers.Binary;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// The in-process fuzzer's mutations, aware of the record format: it edits frames (bit flips, interesting values,
/// arithmetic on 16-bit fields, truncation, growth, splices from other inputs) and the sequence (duplicate, drop,
/// swap, borrow frames, change a record's flags and clock step). Seeded: the same seed gives the same inputs.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x40, 0x45, 0x60, 0x11, 0x06, 0x3A, 0x02];
    private static readonly ushort[] InterestingWords = [0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFF, 0x0014, 0x0028, 0x05DC, 0x2000, 0x4000, 0x0800, 0x86DD, 0x0806];

    private readonly Random _random = new(seed);

    /// <summary>Frames of one input, with their record flags, as the mutations see them.</summary>
    private sealed record Frame(byte[] Bytes, FrameRecord Record);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var frames = Decode(input);
        int rounds = 1 << _random.Next(4);
        for (int i = 0; i < rounds; i++)
            MutateOnce(frames, corpus);
        return Encode(frames);
    }

    private void MutateOnce(List<Frame> frames, IReadOnlyList<byte[]> corpus)
    {
        if (frames.Count == 0 || _random.Next(16) == 0)
        {
            frames.Insert(_random.Next(frames.Count + 1), Borrow(corpus));
            return;
        }
        int index = _random.Next(frames.Count);
        var frame = frames[index];
        switch (_random.Next(12))
        {
            case 0:
                if (frames.Count < 512)
                    for (int copies = _random.Next(1, 9); copies > 0; copies--)
                        frames.Insert(index, frame with { Bytes = (byte[])frame.Bytes.Clone() });
                break;
            case 1:
                frames.RemoveAt(index);
                break;
            case 2:
                int other = _random.Next(frames.Count);
                (frames[index], frames[other]) = (frames[other], frames[index]);
                break;
            case 3:
                var record = frame.Record;
                frames[index] = frame with
                {
                    Record = _random.Next(4) switch
                    {
                        0 => record with { ChecksumVerified = !record.ChecksumVerified },
                        1 => record with { Interface = 1 - record.Interface },
                        2 => record with { RepairChecksums = !record.RepairChecksums },
                        _ => record with { AdvanceIndex = _random.Next(FrameRecord.Advances.Length) },
                    },
                };
                break;
            case 4:
                frames[index] = frame with { Bytes = frame.Bytes[.._random.Next(frame.Bytes.Length + 1)] };
                break;
            case 5:
                frames[index] = frame with { Bytes = Grow(frame.Bytes) };
                break;
            case 6:
                frames[index] = frame with { Bytes = Splice(frame.Bytes, Borrow(corpus).Bytes) };
                break;
            default:
                EditBytes(frame.Bytes);
                break;
        }
    }

    /// <summary>Edits in place, biased to the headers (the first 80 bytes), where the parsers' decisions are.</summary>
    private void EditBytes(byte[] bytes)
    {
        if (bytes.Length == 0)
            return;
        int position = _random.Next(3) == 0 ? _random.Next(bytes.Length) : _random.Next(Math.Min(bytes.Length, 80));
        switch (_random.Next(6))
        {
            case 0:
                bytes[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes[position] = (byte)_random.Next(256);
                break;
            case 2:
                bytes[position] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3 when position + 2 <= bytes.Length:
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(position), InterestingWords[_random.Next(InterestingWords.Length)]);
                break;
            case 4 when position + 2 <= bytes.Length:
                ushort word = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position));
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(position), (ushort)(word + _random.Next(-16, 17)));
                break;
            default:
                bytes[position] = (byte)(bytes[position] + _random.Next(-8, 9));
                break;
        }
    }

    /// <summary>Inserts random bytes at a random place: a few (a field grows) or many (a payload grows).</summary>
    private byte[] Grow(byte[] bytes)
    {
        int extra = Math.Min(_random.Next(2) == 0 ? _random.Next(1, 17) : _random.Next(1, 1515), FrameRecord.MaxLength - bytes.Length);
        if (extra <= 0)
            return bytes;
        int position = _random.Next(bytes.Length + 1);
        var inserted = new byte[extra];
        _random.NextBytes(inserted);
        return [.. bytes.AsSpan(0, position), .. inserted, .. bytes.AsSpan(position)];
    }

    /// <summary>The head of one frame with the tail of another: a known header over a foreign payload.</summary>
    private byte[] Splice(byte[] head, byte[] tail)
    {
        int cut = _random.Next(head.Length + 1);
        int from = _random.Next(tail.Length + 1);
        return [.. head.AsSpan(0, cut), .. tail.AsSpan(from, Math.Min(tail.Length - from, FrameRecord.MaxLength - cut))];
    }

    private Frame Borrow(IReadOnlyList<byte[]> corpus)
    {
        var frames = Decode(corpus[_random.Next(corpus.Count)]);
        return frames.Count == 0 ? new Frame([], default) : frames[_random.Next(frames.Count)] with { };
    }

    private static List<Frame> Decode(byte[] input) =>
        FrameRecord.Split(input).Select(record => new Frame(input.AsSpan(record.Offset, record.Length).ToArray(), record)).ToList();

    private static byte[] Encode(List<Frame> frames)
    {
        var output = new List<byte>();
        foreach (var (bytes, record) in frames)
            FrameRecord.Write(output, bytes, record.Interface, record.RepairChecksums, record.AdvanceIndex, record.ChecksumVerified);
        return [.. output];
    }
}
