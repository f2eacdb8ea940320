using System.Buffers.Binary;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>
/// AES with 32-bit round tables (the "T-table" form of FIPS 197's rounds, and the equivalent inverse cipher of
/// §5.3.5 for decryption). Table lookups depend on the data, so AES-NI is preferred wherever the CPU has it.
/// </summary>
public sealed class PortableAesBlockCipher : AesBlockCipher
{
    private static readonly uint[] s_encrypt0 = new uint[256];
    private static readonly uint[] s_encrypt1 = new uint[256];
    private static readonly uint[] s_encrypt2 = new uint[256];
    private static readonly uint[] s_encrypt3 = new uint[256];
    private static readonly uint[] s_decrypt0 = new uint[256];
    private static readonly uint[] s_decrypt1 = new uint[256];
    private static readonly uint[] s_decrypt2 = new uint[256];
    private static readonly uint[] s_decrypt3 = new uint[256];

    private readonly uint[] _encryptKeys;
    private readonly uint[] _decryptKeys;
    private readonly int _rounds;

    static PortableAesBlockCipher()
    {
        byte[] s = AesKeySchedule.SBox;
        byte[] si = AesKeySchedule.InverseSBox;
        for (int x = 0; x < 256; x++)
        {
            byte v = s[x];
            uint e = ((uint)AesKeySchedule.Multiply(v, 2) << 24) | ((uint)v << 16) | ((uint)v << 8) | AesKeySchedule.Multiply(v, 3);
            s_encrypt0[x] = e;
            s_encrypt1[x] = (e >> 8) | (e << 24);
            s_encrypt2[x] = (e >> 16) | (e << 16);
            s_encrypt3[x] = (e >> 24) | (e << 8);
            byte w = si[x];
            uint d = ((uint)AesKeySchedule.Multiply(w, 14) << 24) | ((uint)AesKeySchedule.Multiply(w, 9) << 16)
                | ((uint)AesKeySchedule.Multiply(w, 13) << 8) | AesKeySchedule.Multiply(w, 11);
            s_decrypt0[x] = d;
            s_decrypt1[x] = (d >> 8) | (d << 24);
            s_decrypt2[x] = (d >> 16) | (d << 16);
            s_decrypt3[x] = (d >> 24) | (d << 8);
        }
    }

    public PortableAesBlockCipher(ReadOnlySpan<byte> key)
    {
        _encryptKeys = AesKeySchedule.Expand(key);
        _rounds = AesKeySchedule.Rounds(key.Length);
        KeySize = key.Length;
        _decryptKeys = new uint[_encryptKeys.Length];
        byte[] s = AesKeySchedule.SBox;
        for (int round = 0; round <= _rounds; round++)
        {
            for (int column = 0; column < 4; column++)
            {
                uint word = _encryptKeys[4 * (_rounds - round) + column];
                if (round != 0 && round != _rounds)
                {
                    // InvMixColumns of the round key: the decryption tables include InvSubBytes, which S cancels.
                    word = s_decrypt0[s[word >> 24]] ^ s_decrypt1[s[(word >> 16) & 0xff]]
                        ^ s_decrypt2[s[(word >> 8) & 0xff]] ^ s_decrypt3[s[word & 0xff]];
                }
                _decryptKeys[4 * round + column] = word;
            }
        }
    }

    public override int KeySize { get; }

    public override void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        uint[] k = _encryptKeys;
        uint s0 = BinaryPrimitives.ReadUInt32BigEndian(input) ^ k[0];
        uint s1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]) ^ k[1];
        uint s2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]) ^ k[2];
        uint s3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]) ^ k[3];
        int offset = 4;
        for (int round = 1; round < _rounds; round++, offset += 4)
        {
            uint t0 = s_encrypt0[s0 >> 24] ^ s_encrypt1[(s1 >> 16) & 0xff] ^ s_encrypt2[(s2 >> 8) & 0xff] ^ s_encrypt3[s3 & 0xff] ^ k[offset];
            uint t1 = s_encrypt0[s1 >> 24] ^ s_encrypt1[(s2 >> 16) & 0xff] ^ s_encrypt2[(s3 >> 8) & 0xff] ^ s_encrypt3[s0 & 0xff] ^ k[offset + 1];
            uint t2 = s_encrypt0[s2 >> 24] ^ s_encrypt1[(s3 >> 16) & 0xff] ^ s_encrypt2[(s0 >> 8) & 0xff] ^ s_encrypt3[s1 & 0xff] ^ k[offset + 2];
            uint t3 = s_encrypt0[s3 >> 24] ^ s_encrypt1[(s0 >> 16) & 0xff] ^ s_encrypt2[(s1 >> 8) & 0xff] ^ s_encrypt3[s2 & 0xff] ^ k[offset + 3];
            s0 = t0; s1 = t1; s2 = t2; s3 = t3;
        }
        byte[] s = AesKeySchedule.SBox;
        BinaryPrimitives.WriteUInt32BigEndian(output, LastRound(s, s0, s1, s2, s3) ^ k[offset]);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], LastRound(s, s1, s2, s3, s0) ^ k[offset + 1]);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], LastRound(s, s2, s3, s0, s1) ^ k[offset + 2]);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], LastRound(s, s3, s0, s1, s2) ^ k[offset + 3]);
    }

    public override void DecryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        uint[] k = _decryptKeys;
        uint s0 = BinaryPrimitives.ReadUInt32BigEndian(input) ^ k[0];
        uint s1 = BinaryPrimitives.ReadUInt32BigEndian(input[4..]) ^ k[1];
        uint s2 = BinaryPrimitives.ReadUInt32BigEndian(input[8..]) ^ k[2];
        uint s3 = BinaryPrimitives.ReadUInt32BigEndian(input[12..]) ^ k[3];
        int offset = 4;
        for (int round = 1; round < _rounds; round++, offset += 4)
        {
            uint t0 = s_decrypt0[s0 >> 24] ^ s_decrypt1[(s3 >> 16) & 0xff] ^ s_decrypt2[(s2 >> 8) & 0xff] ^ s_decrypt3[s1 & 0xff] ^ k[offset];
            uint t1 = s_decrypt0[s1 >> 24] ^ s_decrypt1[(s0 >> 16) & 0xff] ^ s_decrypt2[(s3 >> 8) & 0xff] ^ s_decrypt3[s2 & 0xff] ^ k[offset + 1];
            uint t2 = s_decrypt0[s2 >> 24] ^ s_decrypt1[(s1 >> 16) & 0xff] ^ s_decrypt2[(s0 >> 8) & 0xff] ^ s_decrypt3[s3 & 0xff] ^ k[offset + 2];
            uint t3 = s_decrypt0[s3 >> 24] ^ s_decrypt1[(s2 >> 16) & 0xff] ^ s_decrypt2[(s1 >> 8) & 0xff] ^ s_decrypt3[s0 & 0xff] ^ k[offset + 3];
            s0 = t0; s1 = t1; s2 = t2; s3 = t3;
        }
        byte[] si = AesKeySchedule.InverseSBox;
        BinaryPrimitives.WriteUInt32BigEndian(output, LastRound(si, s0, s3, s2, s1) ^ k[offset]);
        BinaryPrimitives.WriteUInt32BigEndian(output[4..], LastRound(si, s1, s0, s3, s2) ^ k[offset + 1]);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], LastRound(si, s2, s1, s0, s3) ^ k[offset + 2]);
        BinaryPrimitives.WriteUInt32BigEndian(output[12..], LastRound(si, s3, s2, s1, s0) ^ k[offset + 3]);
    }

    private static uint LastRound(byte[] box, uint a, uint b, uint c, uint d) =>
        ((uint)box[a >> 24] << 24) | ((uint)box[(b >> 16) & 0xff] << 16) | ((uint)box[(c >> 8) & 0xff] << 8) | box[d & 0xff];
}
