using System.Buffers.Binary;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// GHASH with Shoup's 4-bit tables: the sixteen multiples of H by 4-bit polynomials, and the reduction of the
/// four bits shifted out at each step. Field elements are held as two big-endian 64-bit halves.
/// </summary>
public sealed class PortableGHash : GHash
{
    // The reduction of x¹²⁸·r for each 4-bit r, in the top 16 bits of the high half.
    private static readonly ushort[] s_reduction =
    [
        0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0,
    ];

    private readonly ulong[] _high = new ulong[16];
    private readonly ulong[] _low = new ulong[16];
    private ulong _yHigh;
    private ulong _yLow;

    public PortableGHash(ReadOnlySpan<byte> hashKey)
    {
        ulong vh = BinaryPrimitives.ReadUInt64BigEndian(hashKey);
        ulong vl = BinaryPrimitives.ReadUInt64BigEndian(hashKey[8..]);
        // Index 8 (the 4-bit polynomial 1, most significant bit first) is H itself; 4, 2, 1 are H·x, H·x², H·x³.
        _high[8] = vh;
        _low[8] = vl;
        for (int i = 4; i > 0; i >>= 1)
        {
            ulong carry = (vl & 1) * 0xe100000000000000UL;
            vl = (vh << 63) | (vl >> 1);
            vh = (vh >> 1) ^ carry;
            _high[i] = vh;
            _low[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2)
        {
            for (int j = 1; j < i; j++)
            {
                _high[i + j] = _high[i] ^ _high[j];
                _low[i + j] = _low[i] ^ _low[j];
            }
        }
    }

    public override void Update(ReadOnlySpan<byte> blocks)
    {
        Span<byte> x = stackalloc byte[BlockSize];
        for (int offset = 0; offset + BlockSize <= blocks.Length; offset += BlockSize)
        {
            BinaryPrimitives.WriteUInt64BigEndian(x, _yHigh ^ BinaryPrimitives.ReadUInt64BigEndian(blocks[offset..]));
            BinaryPrimitives.WriteUInt64BigEndian(x[8..], _yLow ^ BinaryPrimitives.ReadUInt64BigEndian(blocks[(offset + 8)..]));
            MultiplyByH(x);
        }
    }

    public override void GetHash(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _yHigh);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _yLow);
    }

    public override void Reset()
    {
        _yHigh = 0;
        _yLow = 0;
    }

    // Horner's rule over the 32 nibbles, from the last (highest powers of x) to the first.
    private void MultiplyByH(ReadOnlySpan<byte> x)
    {
        int nibble = x[15] & 0xf;
        ulong zh = _high[nibble];
        ulong zl = _low[nibble];
        for (int i = 15; i >= 0; i--)
        {
            int low = x[i] & 0xf;
            int high = x[i] >> 4;
            if (i != 15)
            {
                ShiftFour(ref zh, ref zl);
                zh ^= _high[low];
                zl ^= _low[low];
            }
            ShiftFour(ref zh, ref zl);
            zh ^= _high[high];
            zl ^= _low[high];
        }
        _yHigh = zh;
        _yLow = zl;
    }

    private static void ShiftFour(ref ulong zh, ref ulong zl)
    {
        int remainder = (int)(zl & 0xf);
        zl = (zh << 60) | (zl >> 4);
        zh = (zh >> 4) ^ ((ulong)s_reduction[remainder] << 48);
    }
}
