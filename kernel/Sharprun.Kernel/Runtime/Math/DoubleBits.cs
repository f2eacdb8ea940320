// Not "...Runtime.Math": a namespace of that name would hide System.Math from all Runtime code.
namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>IEEE binary64 layout helpers and the exact scaling the functions share.</summary>
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
}
