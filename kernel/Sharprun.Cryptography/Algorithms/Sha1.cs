using System.Buffers.Binary;
using System.Numerics;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>SHA-1 (FIPS 180-4 §6.1).</summary>
public sealed class Sha1 : BlockDigest
{
    private uint[] _state = new uint[5];

    public Sha1() : base(64) => InitializeState();

    public override int HashSize => 20;

    protected override bool BigEndianLength => true;

    protected override void InitializeState()
    {
        _state[0] = 0x67452301;
        _state[1] = 0xEFCDAB89;
        _state[2] = 0x98BADCFE;
        _state[3] = 0x10325476;
        _state[4] = 0xC3D2E1F0;
    }

    protected override void Compress(ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[80];
        for (int t = 0; t < 16; t++)
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        for (int t = 16; t < 80; t++)
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        uint a = _state[0], b = _state[1], c = _state[2], d = _state[3], e = _state[4];
        for (int t = 0; t < 80; t++)
        {
            uint f, k;
            if (t < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }
        _state[0] += a;
        _state[1] += b;
        _state[2] += c;
        _state[3] += d;
        _state[4] += e;
    }

    protected override void WriteState(Span<byte> destination)
    {
        for (int i = 0; i < 5; i++)
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 * i)..], _state[i]);
    }

    protected override void CopyStateInto(BlockDigest clone) => ((Sha1)clone)._state = (uint[])_state.Clone();
}
