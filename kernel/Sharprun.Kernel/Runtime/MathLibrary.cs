using System.Runtime;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The C math functions generated code calls (Math.Ceiling, Math.Floor... on CPUs without SSE4.1
/// rounding). Implemented on the IEEE bit patterns, exactly: they must not call back into Math,
/// whose fallbacks are these functions. Functions not listed here are not provided yet, and an
/// image that needs one fails to link, naming it.
/// </summary>
internal static unsafe class MathLibrary
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;

    [RuntimeExport("trunc")]
    private static double Truncate(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = Exponent(bits);
        if (exponent >= MantissaBits)
            return x; // already integral, or infinite, or NaN
        if (exponent < 0)
            return bits < 0 ? -0.0 : 0.0;
        return BitConverter.Int64BitsToDouble(bits & ~FractionMask(exponent));
    }

    [RuntimeExport("ceil")]
    private static double Ceiling(double x) => RoundAwayFromZeroWhen(x, positive: true);

    [RuntimeExport("floor")]
    private static double Floor(double x) => RoundAwayFromZeroWhen(x, positive: false);

    /// <summary>Splits <paramref name="x"/> into integral part (stored) and fraction (returned), both with x's sign.</summary>
    [RuntimeExport("modf")]
    private static double Modf(double x, double* integral)
    {
        double whole = Truncate(x);
        *integral = whole;
        if (double.IsInfinity(x))
            return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & long.MinValue);
        double fraction = x - whole;
        return fraction == 0 ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & long.MinValue) : fraction;
    }

    /// <summary>Ceiling when <paramref name="positive"/>, floor otherwise: values of that sign move away from zero.</summary>
    private static double RoundAwayFromZeroWhen(double x, bool positive)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = Exponent(bits);
        if (exponent >= MantissaBits)
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
        return BitConverter.Int64BitsToDouble(bits & ~mask);
    }

    private static int Exponent(long bits) => (int)((bits >> MantissaBits) & 0x7FF) - ExponentBias;

    private static long FractionMask(int exponent) => (1L << (MantissaBits - exponent)) - 1;
}
