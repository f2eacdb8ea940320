using System.Buffers.Binary;
using System.Numerics;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>MD5 (RFC 1321): still asked for by protocols and checksums, never for security.</summary>
public sealed class Md5 : BlockDigest
{
    private static readonly uint[] s_sines = BuildSines();
    private static readonly int[] s_shifts =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    private uint[] _state = new uint[4];

    public Md5() : base(64) => InitializeState();

    public override int HashSize => 16;

    protected override bool BigEndianLength => false;

    protected override void InitializeState()
    {
        _state[0] = 0x67452301;
        _state[1] = 0xefcdab89;
        _state[2] = 0x98badcfe;
        _state[3] = 0x10325476;
    }

    protected override void Compress(ReadOnlySpan<byte> block)
    {
        Span<uint> m = stackalloc uint[16];
        for (int i = 0; i < 16; i++)
            m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
        uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
        for (int i = 0; i < 64; i++)
        {
            uint f;
            int g;
            switch (i >> 4)
            {
                case 0: f = (b & c) | (~b & d); g = i; break;
                case 1: f = (d & b) | (~d & c); g = (5 * i + 1) & 15; break;
                case 2: f = b ^ c ^ d; g = (3 * i + 5) & 15; break;
                default: f = c ^ (b | ~d); g = (7 * i) & 15; break;
            }
            uint rotated = BitOperations.RotateLeft(a + f + s_sines[i] + m[g], s_shifts[i]);
            a = d;
            d = c;
            c = b;
            b += rotated;
        }
        _state[0] += a;
        _state[1] += b;
        _state[2] += c;
        _state[3] += d;
    }

    protected override void WriteState(Span<byte> destination)
    {
        for (int i = 0; i < 4; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 * i)..], _state[i]);
    }

    protected override void CopyStateInto(BlockDigest clone) => ((Md5)clone)._state = (uint[])_state.Clone();

    // RFC 1321's table T: floor(2^32 * |sin(i + 1)|).
    private static uint[] BuildSines()
    {
        var table = new uint[64];
        for (int i = 0; i < 64; i++)
            table[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        return table;
    }
}
