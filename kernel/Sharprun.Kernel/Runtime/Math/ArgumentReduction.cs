namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// x = q·π/2 + r with |r| ≤ π/4, r to about 2^-100 relative even next to multiples of π/2 and for
/// the largest doubles (Payne–Hanek): x = m·2^e with an integer m, so only the bits of 2/π from
/// position e−1 on affect x·2/π modulo 4, and a 256-bit window of them leaves r exact to ~2^-200.
/// </summary>
internal static class ArgumentReduction
{
    /// <summary>2/π in binary, 64 fraction bits per word (0.A2F9836E... in hexadecimal).</summary>
    private static ReadOnlySpan<ulong> TwoOverPi =>
    [
        0xA2F9836E4E441529, 0xFC2757D1F534DDC0, 0xDB6295993C439041, 0xFE5163ABDEBBC561, 0xB7246E3A424DD2E0,
        0x06492EEA09D1921C, 0xFE1DEB1CB129A73E, 0xE88235F52EBB4484, 0xE99C7026B45F7E41, 0x3991D639835339F4,
        0x9C845F8BBDF9283B, 0x1FF897FFDE05980F, 0xEF2F118B5A0A6D1F, 0x6D367ECF27CB09B7, 0x4F463F669E5FEA2D,
        0x7527BAC7EBE5F17B, 0x3D0739F78A5292EA, 0x6BFB5FB11F8D5D08, 0x56033046FC7B6BAB, 0xF0CFBC209AF4361D,
        0xA9E391615EE61B08, 0x6599855F14A06840, 0x8DFFD8804D732731, 0x06061556CA73A8C9,
    ];

    /// <summary>The quadrant q (mod 4) and remainder r of finite x.</summary>
    public static int ReduceByHalfPi(double x, out DoubleDouble r)
    {
        double ax = DoubleBits.Abs(x);
        if (ax <= 0.7853981633974483)
        {
            r = x;
            return 0;
        }
        long bits = DoubleBits.Bits(x);
        ulong m = (ulong)(bits & DoubleBits.MantissaMask) | (1UL << DoubleBits.MantissaBits);
        int e = DoubleBits.BiasedExponent(x) - DoubleBits.ExponentBias - DoubleBits.MantissaBits;

        // Window W = bits e−1 … e+254 of 2/π (bit i weighs 2^-i): x·2/π ≡ m·W·2^-254 (mod 4).
        int first = e - 1;
        ulong w0 = WindowWord(first), w1 = WindowWord(first + 64), w2 = WindowWord(first + 128), w3 = WindowWord(first + 192);
        ulong h3 = System.Math.BigMul(m, w3, out ulong p0);
        ulong h2 = System.Math.BigMul(m, w2, out ulong l2);
        ulong h1 = System.Math.BigMul(m, w1, out ulong l1);
        ulong l0 = m * w0; // only its low word reaches the quadrant bits
        ulong p1 = h3 + l2;
        ulong carry = p1 < l2 ? 1UL : 0;
        ulong p2 = h2 + l1;
        ulong carry2 = p2 < l1 ? 1UL : 0;
        p2 += carry;
        carry2 += p2 < carry ? 1UL : 0;
        ulong p3 = h1 + l0 + carry2; // bits 254 and 255 are the quadrant; higher bits are multiples of 4

        int quadrant = (int)(p3 >> 62);
        ulong f3 = p3 & ((1UL << 62) - 1), f2 = p2, f1 = p1, f0 = p0;
        bool negative = (f3 >> 61) != 0;
        if (negative)
        {
            // Fraction ≥ ½: use fraction − 1 (its magnitude is the two's complement) and the next quadrant.
            quadrant++;
            f0 = ~f0 + 1;
            ulong c = f0 == 0 ? 1UL : 0;
            f1 = ~f1 + c;
            c = c != 0 && f1 == 0 ? 1UL : 0;
            f2 = ~f2 + c;
            c = c != 0 && f2 == 0 ? 1UL : 0;
            f3 = (~f3 + c) & ((1UL << 62) - 1);
        }
        // Normalize the 254-bit fraction so its leading one is bit 63 of 'top'.
        int shift = 0;
        while (f3 == 0 && shift < 192)
        {
            f3 = f2;
            f2 = f1;
            f1 = f0;
            f0 = 0;
            shift += 64;
        }
        int leading = System.Numerics.BitOperations.LeadingZeroCount(f3);
        ulong top = leading == 0 ? f3 : (f3 << leading) | (f2 >> (64 - leading));
        ulong next = leading == 0 ? f2 : (f2 << leading) | (f1 >> (64 - leading));
        shift += leading;
        // The fraction is (top:next) × 2^(−128 − shift + 2) of a 256-bit frame whose top 2 bits were the quadrant.
        int scale = 2 - 128 - shift;
        double high = (top >> 11) * DoubleBits.ScaleByPowerOfTwo(1.0, scale + 75);
        double low = (((top & 0x7FF) << 42) | (next >> 22)) * DoubleBits.ScaleByPowerOfTwo(1.0, scale + 22);
        r = DoubleDouble.FastTwoSum(high, low) * Constants.PiOver2;
        if (negative)
            r = -r;
        if (x < 0)
        {
            r = -r;
            quadrant = -quadrant;
        }
        return quadrant & 3;
    }

    /// <summary>The 64 bits of 2/π starting at bit <paramref name="first"/> (bits before the point are zero).</summary>
    private static ulong WindowWord(int first)
    {
        int index = first - 1; // bit i sits at position i − 1 of the table
        int word = index >> 6;
        int offset = index & 63;
        ulong high = Word(word);
        return offset == 0 ? high : (high << offset) | (Word(word + 1) >> (64 - offset));
    }

    private static ulong Word(int index) => index < 0 ? 0 : TwoOverPi[index];
}
