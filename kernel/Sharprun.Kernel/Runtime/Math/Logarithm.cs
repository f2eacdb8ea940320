using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// log, log2, log10 and their float forms, and the double-double logarithm pow and the inverse
/// hyperbolic functions build on. x = 2^e × m with m in [√½, √2); log m = 2 atanh((m−1)/(m+1)), whose
/// odd series converges fast for |t| ≤ 0.172 and keeps full relative precision near m = 1.
/// </summary>
internal static class Logarithm
{
    [RuntimeExport("log")]
    internal static double Log(double x)
    {
        if (!IsPositiveFinite(x, out double special))
            return special;
        DoubleDouble mantissaLog = LogMantissa(x, out int e);
        return (ExponentTimes(e, Constants.Ln2) + mantissaLog).Value;
    }

    [RuntimeExport("logf")]
    internal static float LogSingle(float x) => (float)Log(x);

    [RuntimeExport("log2")]
    internal static double Log2(double x)
    {
        if (!IsPositiveFinite(x, out double special))
            return special;
        DoubleDouble mantissaLog = LogMantissa(x, out int e);
        return (mantissaLog * Constants.Log2E + e).Value;
    }

    [RuntimeExport("log2f")]
    internal static float Log2Single(float x) => (float)Log2(x);

    /// <summary>
    /// glibc's log10 is not correctly rounded: it evaluates y·log10(2)_lo + log(m)/ln 10 + y·log10(2)_hi
    /// in double (x = 2^y·m, m in [1, 2), or [½, 1) when x &lt; 1). Doing the same on a correctly rounded
    /// log reproduces its results (measured: 0 mismatches over wide ranges, ~0.02% near 1) where a
    /// correctly rounded log10 would differ in ~1% of cases, ~28% just above 1.
    /// </summary>
    [RuntimeExport("log10")]
    internal static double Log10(double x)
    {
        if (!IsPositiveFinite(x, out double special))
            return special;
        int e = 0;
        if (DoubleBits.BiasedExponent(x) == 0)
        {
            x *= DoubleBits.PowerOfTwo(54);
            e = -54;
        }
        e += DoubleBits.BiasedExponent(x) - DoubleBits.ExponentBias;
        int belowOne = e < 0 ? 1 : 0;
        double m = DoubleBits.FromBits((DoubleBits.Bits(x) & DoubleBits.MantissaMask) | ((long)(DoubleBits.ExponentBias - belowOne) << DoubleBits.MantissaBits));
        double y = e + belowOne;
        // log10(2) split so that y times the high part (41 bits) is exact.
        const double Log10Of2High = 0.30102999566361177;
        const double Log10Of2Low = 3.694239077158931e-13;
        double z = y * Log10Of2Low + Constants.Log10E.Hi * Log(m);
        return z + y * Log10Of2High;
    }

    [RuntimeExport("log10f")]
    internal static float Log10Single(float x) => (float)Log10(x);

    /// <summary>ln x for finite x &gt; 0, relative error near 2^-100.</summary>
    public static DoubleDouble LogDoubleDouble(double x)
    {
        DoubleDouble mantissaLog = LogMantissa(x, out int e);
        return ExponentTimes(e, Constants.Ln2) + mantissaLog;
    }

    /// <summary>ln(x.Hi + x.Lo) for x.Hi &gt; 0: ln(Hi) + ln(1 + Lo/Hi), where the second term is first order.</summary>
    public static DoubleDouble LogDoubleDouble(DoubleDouble x) => LogDoubleDouble(x.Hi) + x.Lo / x.Hi;

    /// <summary>The special cases of every logarithm: false with the result for NaN, x ≤ 0 and +inf.</summary>
    private static bool IsPositiveFinite(double x, out double special)
    {
        special = 0;
        if (x > 0 && x < double.PositiveInfinity)
            return true;
        if (x == 0)
            special = double.NegativeInfinity;
        else if (double.IsNaN(x) || x > 0)
            special = x + x;
        else
            special = double.NaN;
        return false;
    }

    private static DoubleDouble ExponentTimes(int e, DoubleDouble constant) =>
        DoubleDouble.TwoProduct(e, constant.Hi) + (double)e * constant.Lo;

    /// <summary>ln m where x = 2^e × m, m in [√½, √2), for finite x &gt; 0.</summary>
    private static DoubleDouble LogMantissa(double x, out int e)
    {
        e = 0;
        if (DoubleBits.BiasedExponent(x) == 0)
        {
            x *= DoubleBits.PowerOfTwo(54); // subnormal: normalize first
            e = -54;
        }
        long bits = DoubleBits.Bits(x);
        e += DoubleBits.BiasedExponent(x) - DoubleBits.ExponentBias;
        double m = DoubleBits.FromBits((bits & DoubleBits.MantissaMask) | ((long)DoubleBits.ExponentBias << DoubleBits.MantissaBits));
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }
        // m − 1 is exact (Sterbenz); the quotient carries the full precision of t.
        DoubleDouble t = new DoubleDouble(m - 1.0, 0) / DoubleDouble.TwoSum(m, 1.0);
        DoubleDouble t2 = t * t;
        double z = t2.Hi;
        // t^8 and beyond weigh below 2^-20: double coefficients and arithmetic suffice there.
        double tail = 1.0 / 9 + z * (1.0 / 11 + z * (1.0 / 13 + z * (1.0 / 15 + z * (1.0 / 17 + z * (1.0 / 19
            + z * (1.0 / 21 + z * (1.0 / 23 + z * (1.0 / 25 + z * (1.0 / 27 + z * (1.0 / 29 + z * (1.0 / 31)))))))))));
        DoubleDouble series = new DoubleDouble(0.3333333333333333, 1.850371707708594e-17)
            + t2 * (new DoubleDouble(0.2, -1.1102230246251566e-17)
                + t2 * (new DoubleDouble(0.14285714285714285, 7.93016446160826e-18) + t2 * tail));
        DoubleDouble twoT = t.Scale(2.0);
        return twoT + twoT * t2 * series;
    }
}
