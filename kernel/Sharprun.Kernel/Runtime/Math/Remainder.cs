using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// fmod and fmodf (double and float %, Math.IEEERemainder): the exact remainder x − n·y with n = trunc(x/y),
/// by long division of the integer mantissas, eleven bits of the exponent gap at a time.
/// </summary>
internal static class Remainder
{
    [RuntimeExport("fmod")]
    internal static double Fmod(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y) || double.IsInfinity(x) || y == 0)
            return double.IsNaN(x) || double.IsNaN(y) ? x + y : double.NaN;
        double ax = DoubleBits.Abs(x);
        double ay = DoubleBits.Abs(y);
        if (ax < ay || double.IsInfinity(y))
            return x;
        ulong mx = Mantissa(ax, out int ex);
        ulong my = Mantissa(ay, out int ey);
        // |x| = mx·2^ex, |y| = my·2^ey with 53-bit mantissas and ex ≥ ey.
        ulong remainder = mx % my;
        for (int gap = ex - ey; gap > 0 && remainder != 0;)
        {
            int step = gap < 11 ? gap : 11; // remainder < 2^53, so 11 more bits stay below 2^64
            remainder = (remainder << step) % my;
            gap -= step;
        }
        double result = DoubleBits.ScaleByPowerOfTwo(remainder, ey); // exact: a multiple of y's last place
        return DoubleBits.CopySign(result, x);
    }

    [RuntimeExport("fmodf")]
    internal static float FmodSingle(float x, float y) => (float)Fmod(x, y); // exact: the remainder is a float

    /// <summary>The 53-bit integer mantissa m and exponent e of a positive finite x = m·2^e, subnormals normalized.</summary>
    private static ulong Mantissa(double x, out int e)
    {
        int biased = DoubleBits.BiasedExponent(x);
        ulong mantissa = (ulong)(DoubleBits.Bits(x) & DoubleBits.MantissaMask);
        if (biased == 0)
        {
            int shift = System.Numerics.BitOperations.LeadingZeroCount(mantissa) - 11;
            e = -1074 - shift;
            return mantissa << shift;
        }
        e = biased - DoubleBits.ExponentBias - DoubleBits.MantissaBits;
        return mantissa | (1UL << DoubleBits.MantissaBits);
    }
}
