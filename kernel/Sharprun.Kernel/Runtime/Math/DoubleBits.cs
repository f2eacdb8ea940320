namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>IEEE binary64 layout helpers and the exact scaling and final rounding the functions share.</summary>
internal static class DoubleBits
{
    public const int MantissaBits = 52;
    public const int ExponentBias = 1023;
    public const long SignMask = long.MinValue;
    public const long MantissaMask = (1L << MantissaBits) - 1;

    public static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    public static double FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    /// <summary>The biased exponent field: 0 for zeros and subnormals, 2047 for infinities and NaNs.</summary>
    public static int BiasedExponent(double x) => (int)((Bits(x) >> MantissaBits) & 0x7FF);

    public static bool IsNegative(double x) => Bits(x) < 0;

    public static double Abs(double x) => FromBits(Bits(x) & long.MaxValue);

    public static double CopySign(double magnitude, double sign) => FromBits((Bits(magnitude) & long.MaxValue) | (Bits(sign) & SignMask));

    /// <summary>2^n for a normal exponent (-1022 ≤ n ≤ 1023).</summary>
    public static double PowerOfTwo(int n) => FromBits((long)(n + ExponentBias) << MantissaBits);

    /// <summary>x rounded to the nearest integer, ties to even, for |x| &lt; 2^51.</summary>
    public static double RoundToInteger(double x)
    {
        const double Shifter = 6755399441055744.0; // 1.5 × 2^52: adding it leaves no fraction bits
        return (x + Shifter) - Shifter;
    }

    /// <summary>
    /// x × 2^n rounded once (scalbn): exact when the result is normal, one correct rounding when it is
    /// subnormal, ±inf beyond the range. The steps keep intermediates normal so only the last rounds.
    /// </summary>
    public static double ScaleByPowerOfTwo(double x, int n)
    {
        if (n > 1023)
        {
            x *= PowerOfTwo(1023);
            n -= 1023;
            if (n > 1023)
            {
                x *= PowerOfTwo(1023);
                n -= 1023;
                if (n > 1023)
                    n = 1023;
            }
        }
        else if (n < -1022)
        {
            // 2^-1022 × 2^53: the step stays above the subnormal range, so it is exact.
            x *= PowerOfTwo(-969);
            n += 969;
            if (n < -1022)
            {
                x *= PowerOfTwo(-969);
                n += 969;
                if (n < -1022)
                    n = -1022;
            }
        }
        return x * PowerOfTwo(n);
    }

    /// <summary>
    /// (v.Hi + v.Lo) × 2^n rounded once, for v.Hi of moderate magnitude: a result in the subnormal range
    /// is rounded at its own last place from the double-double, not twice.
    /// </summary>
    public static double RoundScaled(DoubleDouble v, int n)
    {
        double hi = v.Hi;
        if (hi == 0)
            return ScaleByPowerOfTwo(v.Lo, n);
        int exponent = BiasedExponent(hi) - ExponentBias;
        if (exponent + n >= -1022)
            return ScaleByPowerOfTwo(v.Value, n);
        if (exponent + n < -1076)
            return CopySign(0.0, hi); // below half the smallest subnormal
        bool negative = hi < 0;
        double magnitude = negative ? -hi : hi;
        double low = negative ? -v.Lo : v.Lo;
        // In the scaled domain the result's last place is 2^(-1074-n); adding 2^52 of those places
        // rounds the magnitude to a multiple of one.
        int unitExponent = -1074 - n;
        double unit = PowerOfTwo(unitExponent);
        double shifter = PowerOfTwo(unitExponent + 52);
        double rounded = (magnitude + shifter) - shifter;
        double remainder = (magnitude - rounded) + low;
        double half = unit * 0.5;
        if (remainder > half || (remainder == half && IsOddMultiple(rounded, unitExponent)))
            rounded += unit;
        else if (remainder < -half || (remainder == -half && IsOddMultiple(rounded, unitExponent)))
            rounded -= unit;
        double result = ScaleByPowerOfTwo(rounded, n);
        return negative ? -result : result;
    }

    /// <summary>Whether x, a multiple of 2^e, is an odd multiple of it.</summary>
    private static bool IsOddMultiple(double x, int e)
    {
        if (x == 0)
            return false;
        int lowestBit = BiasedExponent(x) - ExponentBias - MantissaBits;
        long mantissa = (Bits(x) & MantissaMask) | (1L << MantissaBits);
        int shift = e - lowestBit;
        return shift >= 0 && shift <= MantissaBits && ((mantissa >> shift) & 1) != 0;
    }

    /// <summary>
    /// 1 + e rounded once for small e: the exact sum 1 + e.Hi is rounded first, and when that was a tie
    /// (the lost part is exactly half the gap) the sign of the remaining low part picks the side.
    /// </summary>
    public static double RoundOnePlus(DoubleDouble e)
    {
        DoubleDouble head = DoubleDouble.TwoSum(1.0, e.Hi);
        DoubleDouble tail = DoubleDouble.TwoSum(head.Lo, e.Lo);
        double rounded = head.Hi + tail.Hi;
        double lost = tail.Hi - (rounded - head.Hi);
        if (tail.Lo != 0 && lost != 0 && (tail.Lo > 0) == (lost > 0))
        {
            double other = rounded + 2 * lost;
            if (other - rounded == 2 * lost && System.Math.Abs(Bits(other) - Bits(rounded)) == 1)
                rounded = other;
        }
        return rounded;
    }
}
