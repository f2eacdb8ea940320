using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// trunc, ceil, floor and modf (Math.Truncate/Ceiling/Floor on CPUs without SSE4.1 rounding), exact on
/// the IEEE bit patterns. Float forms go through double, which holds every float exactly.
/// </summary>
internal static unsafe class Rounding
{
    [RuntimeExport("trunc")]
    internal static double Truncate(double x)
    {
        long bits = DoubleBits.Bits(x);
        int exponent = DoubleBits.BiasedExponent(x) - DoubleBits.ExponentBias;
        if (exponent >= DoubleBits.MantissaBits)
            return x; // already integral, or infinite, or NaN
        if (exponent < 0)
            return bits < 0 ? -0.0 : 0.0;
        return DoubleBits.FromBits(bits & ~FractionMask(exponent));
    }

    [RuntimeExport("truncf")]
    internal static float TruncateSingle(float x) => (float)Truncate(x);

    [RuntimeExport("ceil")]
    internal static double Ceiling(double x) => RoundAwayFromZeroWhen(x, positive: true);

    [RuntimeExport("ceilf")]
    internal static float CeilingSingle(float x) => (float)Ceiling(x);

    [RuntimeExport("floor")]
    internal static double Floor(double x) => RoundAwayFromZeroWhen(x, positive: false);

    [RuntimeExport("floorf")]
    internal static float FloorSingle(float x) => (float)Floor(x);

    /// <summary>Splits <paramref name="x"/> into integral part (stored) and fraction (returned), both with x's sign.</summary>
    [RuntimeExport("modf")]
    internal static double Modf(double x, double* integral)
    {
        double whole = Truncate(x);
        *integral = whole;
        if (double.IsInfinity(x))
            return DoubleBits.CopySign(0.0, x);
        double fraction = x - whole;
        return fraction == 0 ? DoubleBits.CopySign(0.0, x) : fraction;
    }

    [RuntimeExport("modff")]
    internal static float ModfSingle(float x, float* integral)
    {
        double whole;
        double fraction = Modf(x, &whole);
        *integral = (float)whole;
        return (float)fraction;
    }

    /// <summary>Ceiling when <paramref name="positive"/>, floor otherwise: values of that sign move away from zero.</summary>
    private static double RoundAwayFromZeroWhen(double x, bool positive)
    {
        long bits = DoubleBits.Bits(x);
        int exponent = DoubleBits.BiasedExponent(x) - DoubleBits.ExponentBias;
        if (exponent >= DoubleBits.MantissaBits)
            return x;
        bool negative = bits < 0;
        if (exponent < 0)
        {
            if ((bits & long.MaxValue) == 0)
                return x; // ±0
            if (negative == positive)
                return negative ? -0.0 : 0.0;
            return negative ? -1.0 : 1.0;
        }
        long mask = FractionMask(exponent);
        if ((bits & mask) == 0)
            return x;
        if (negative != positive)
            bits += mask + 1; // one unit in the last integral place, carrying into the exponent if needed
        return DoubleBits.FromBits(bits & ~mask);
    }

    private static long FractionMask(int exponent) => (1L << (DoubleBits.MantissaBits - exponent)) - 1;
}
