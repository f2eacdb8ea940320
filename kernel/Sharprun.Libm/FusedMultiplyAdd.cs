using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// fma and fmaf: x·y + z with a single rounding. The double form works on integers: the exact 106-bit
/// product and z are aligned in a 128-bit frame (bits shifted out of the smaller operand leave a sticky
/// bit), added, and rounded to nearest even once.
/// </summary>
internal static class FusedMultiplyAdd
{
    /// <summary>Operands are normalized so their leading one sits at this bit of the 128-bit frame.</summary>
    private const int LeadingBit = 125;

    [RuntimeExport("fma")]
    internal static double Fma(double x, double y, double z)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y) || x == 0 || y == 0)
            return x * y + z; // the product is exact or special: IEEE arithmetic gives the answer
        if (!double.IsFinite(z))
            return z + z; // a finite product cannot change an infinite or NaN addend (x·y could overflow)
        if (z == 0)
            return x * y; // one rounding of the exact product; a zero z cannot change its sign
        bool productNegative = DoubleBits.IsNegative(x) != DoubleBits.IsNegative(y);
        bool addendNegative = DoubleBits.IsNegative(z);
        UInt128 product = (UInt128)Mantissa(x, out int ex) * Mantissa(y, out int ey);
        UInt128 a = Normalize(product, ex + ey, out int ea);
        UInt128 b = Normalize(Mantissa(z, out int ez), ez, out int eb);

        // Let a be the larger magnitude; shift the other into its frame, keeping a sticky bit.
        bool aNegative = productNegative, bNegative = addendNegative;
        if (eb > ea || (eb == ea && b > a))
        {
            (a, b) = (b, a);
            (ea, eb) = (eb, ea);
            (aNegative, bNegative) = (bNegative, aNegative);
        }
        int gap = ea - eb;
        if (gap >= 128)
            b = 1; // nonzero, far below the rounding position
        else if (gap > 0)
            b = (b >> gap) | (((b << (128 - gap)) != 0) ? UInt128.One : UInt128.Zero);
        UInt128 sum = aNegative == bNegative ? a + b : a - b;
        if (sum == 0)
            return 0.0; // exact cancellation rounds to +0
        double magnitude = Round(sum, ea);
        return aNegative ? -magnitude : magnitude;
    }

    /// <summary>
    /// The exact product of floats has 48 bits; adding z in double rounds once, so it is rounded to odd
    /// there (the last bit records inexactness), which makes the final rounding to float correct.
    /// </summary>
    [RuntimeExport("fmaf")]
    internal static float FmaSingle(float x, float y, float z)
    {
        double product = (double)x * y;
        double sum = product + z;
        if (!double.IsFinite(sum) || sum == 0)
            return (float)sum;
        // What rounding the sum lost, exactly (Knuth's two-sum).
        double zPart = sum - product;
        double lost = (product - (sum - zPart)) + (z - zPart);
        long bits = DoubleBits.Bits(sum);
        if (lost != 0 && (bits & 1) == 0)
            bits += (lost > 0) == (sum > 0) ? 1 : -1;
        return (float)DoubleBits.FromBits(bits);
    }

    /// <summary>The 53-bit integer mantissa m and exponent e of a finite nonzero x = ±m·2^e.</summary>
    private static ulong Mantissa(double x, out int e)
    {
        int biased = DoubleBits.BiasedExponent(x);
        ulong mantissa = (ulong)(DoubleBits.Bits(x) & DoubleBits.MantissaMask);
        if (biased == 0)
        {
            e = -1074;
            return mantissa;
        }
        e = biased - DoubleBits.ExponentBias - DoubleBits.MantissaBits;
        return mantissa | (1UL << DoubleBits.MantissaBits);
    }

    /// <summary>value·2^e re-expressed with its leading one at <see cref="LeadingBit"/>.</summary>
    private static UInt128 Normalize(UInt128 value, int e, out int frameExponent)
    {
        int shift = LeadingBit - (127 - (int)UInt128.LeadingZeroCount(value));
        frameExponent = e - shift;
        return value << shift;
    }

    /// <summary>sum·2^e (sum ≠ 0, below 2^127) rounded to nearest even as a positive double.</summary>
    private static double Round(UInt128 sum, int e)
    {
        int length = 128 - (int)UInt128.LeadingZeroCount(sum);
        int topExponent = length - 1 + e;
        if (topExponent > 1023)
            return double.PositiveInfinity;
        // Keep 53 bits, or fewer where the result is subnormal (last place 2^-1074).
        int drop = topExponent >= -1022 ? length - 53 : -1074 - e;
        if (drop >= 128)
            return 0.0; // below half the smallest subnormal (sum < 2^127 ≤ half of 2^drop)
        if (drop <= 0)
            return DoubleBits.ScaleByPowerOfTwo((double)(ulong)(sum << -drop), e + drop);
        UInt128 kept = sum >> drop;
        UInt128 rest = sum - (kept << drop);
        UInt128 half = UInt128.One << (drop - 1);
        if (rest > half || (rest == half && (kept & 1) != 0))
            kept++;
        return DoubleBits.ScaleByPowerOfTwo((double)(ulong)kept, e + drop);
    }
}
