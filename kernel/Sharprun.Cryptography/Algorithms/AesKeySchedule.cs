using System.Buffers.Binary;

namespace Sharprun.Cryptography.Algorithms;

/// <summary>The AES S-boxes and key expansion (FIPS 197 §5.1.1, §5.2), shared by the portable and the AES-NI cipher.</summary>
public static class AesKeySchedule
{
    public static readonly byte[] SBox = new byte[256];
    public static readonly byte[] InverseSBox = new byte[256];

    static AesKeySchedule()
    {
        // S(x) = affine(x⁻¹) in GF(2⁸) modulo x⁸ + x⁴ + x³ + x + 1, with 0⁻¹ = 0.
        for (int x = 0; x < 256; x++)
        {
            byte inverse = x == 0 ? (byte)0 : Power((byte)x, 254);
            int s = inverse;
            for (int shift = 1; shift <= 4; shift++)
                s ^= (inverse << shift) | (inverse >> (8 - shift));
            byte value = (byte)(s ^ 0x63);
            SBox[x] = value;
            InverseSBox[value] = (byte)x;
        }
    }

    public static bool IsValidKeySize(int bytes) => bytes is 16 or 24 or 32;

    public static int Rounds(int keyBytes) => keyBytes / 4 + 6;

    /// <summary>The 4·(Nr+1) round-key words, each the big-endian reading of four key bytes.</summary>
    public static uint[] Expand(ReadOnlySpan<byte> key)
    {
        if (!IsValidKeySize(key.Length))
            throw new ArgumentException("an AES key is 16, 24 or 32 bytes", nameof(key));
        int nk = key.Length / 4;
        int total = 4 * (Rounds(key.Length) + 1);
        var words = new uint[total];
        for (int i = 0; i < nk; i++)
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(key[(4 * i)..]);
        byte rcon = 1;
        for (int i = nk; i < total; i++)
        {
            uint temp = words[i - 1];
            if (i % nk == 0)
            {
                temp = SubWord((temp << 8) | (temp >> 24)) ^ ((uint)rcon << 24);
                rcon = Multiply(rcon, 2);
            }
            else if (nk > 6 && i % nk == 4)
            {
                temp = SubWord(temp);
            }
            words[i] = words[i - nk] ^ temp;
        }
        return words;
    }

    public static byte Multiply(byte a, byte b)
    {
        int product = 0;
        int x = a;
        for (int bit = b; bit != 0; bit >>= 1)
        {
            if ((bit & 1) != 0)
                product ^= x;
            x <<= 1;
            if ((x & 0x100) != 0)
                x ^= 0x11b;
        }
        return (byte)product;
    }

    private static uint SubWord(uint word) =>
        ((uint)SBox[word >> 24] << 24) | ((uint)SBox[(word >> 16) & 0xff] << 16) | ((uint)SBox[(word >> 8) & 0xff] << 8) | SBox[word & 0xff];

    private static byte Power(byte x, int exponent)
    {
        byte result = 1;
        for (int i = 0; i < exponent; i++)
            result = Multiply(result, x);
        return result;
    }
}
