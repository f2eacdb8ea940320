using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// exp and expf, and the double-double exponential the hyperbolic functions and pow build on.
/// exp(x) = 2^k × e^r with r = x − k ln 2; e^r − 1 comes from a short Taylor series at r/256 followed by
/// eight exact-ish doublings e ← e(e + 2), which keep its relative error near 2^-100.
/// </summary>
internal static class Exponential
{
    /// <summary>Above this e^x overflows (ln of the largest double is 709.78...).</summary>
    private const double OverflowBound = 709.8;

    /// <summary>Below this e^x is under half the smallest subnormal (ln 2^-1075 is -745.13...).</summary>
    private const double UnderflowBound = -745.2;

    [RuntimeExport("exp")]
    internal static double Exp(double x)
    {
        if (double.IsNaN(x))
            return x + x;
        if (x > OverflowBound)
            return double.PositiveInfinity;
        if (x < UnderflowBound)
            return 0.0;
        if (DoubleBits.Abs(x) < 5.551115123125783E-17) // 2^-54: e^x rounds to 1 + x
            return 1.0 + x;
        return RoundExp(x);
    }

    [RuntimeExport("expf")]
    internal static float ExpSingle(float x) => (float)Exp(x);

    /// <summary>e^x rounded once, for −746 ≲ x ≲ 710.</summary>
    public static double RoundExp(DoubleDouble x)
    {
        DoubleDouble fraction = ExpM1Reduced(x, out int k);
        // Near 1 the double-double 1 + fraction would lose bits that can decide a rounding tie.
        return k == 0 ? DoubleBits.RoundOnePlus(fraction) : DoubleBits.RoundScaled(fraction + 1.0, k);
    }

    /// <summary>e^x = result × 2^k for |x| ≲ 750, result within [0.7, 1.42].</summary>
    public static DoubleDouble ExpReduced(DoubleDouble x, out int k) => ExpM1Reduced(x, out k) + 1.0;

    /// <summary>e^x = (1 + result) × 2^k for |x| ≲ 750.</summary>
    private static DoubleDouble ExpM1Reduced(DoubleDouble x, out int k)
    {
        double kd = DoubleBits.RoundToInteger(x.Hi * Constants.Log2E.Hi);
        k = (int)kd;
        DoubleDouble ln2 = Constants.Ln2;
        // k has at most 11 bits, so k × ln 2 to 160 bits leaves r exact to far below its last place.
        DoubleDouble r = x - DoubleDouble.TwoProduct(kd, ln2.Hi) - DoubleDouble.TwoProduct(kd, ln2.Lo) - kd * Constants.Ln2Tail;
        return ExpM1Small(r);
    }

    /// <summary>e^x − 1 for |x| ≤ 0.36, to a relative error near 2^-100 even for tiny x.</summary>
    public static DoubleDouble ExpM1Small(DoubleDouble x)
    {
        const double OneOver256 = 0.00390625;
        DoubleDouble s = x.Scale(OneOver256);
        DoubleDouble s2 = s * s;
        double s4 = s2.Hi * s2.Hi;
        double sh = s.Hi;
        // Terms from s^4 on are below 2^-40 of the sum: double precision suffices for them.
        double tail = s4 * (1.0 / 24 + sh * (1.0 / 120 + sh * (1.0 / 720 + sh * (1.0 / 5040 + sh * (1.0 / 40320)))));
        DoubleDouble e = s + s2.Scale(0.5) + s2 * s * new DoubleDouble(0.16666666666666666, 9.25185853854297e-18) + tail;
        for (int i = 0; i < 8; i++)
            e *= e + 2.0;
        return e;
    }

    /// <summary>e^x − 1 for |x| ≤ 40 as a double-double.</summary>
    public static DoubleDouble ExpM1(double x)
    {
        if (DoubleBits.Abs(x) <= 0.35)
            return ExpM1Small(x);
        DoubleDouble mantissa = ExpReduced(x, out int k);
        return mantissa.Scale(DoubleBits.PowerOfTwo(k)) - 1.0;
    }
}
