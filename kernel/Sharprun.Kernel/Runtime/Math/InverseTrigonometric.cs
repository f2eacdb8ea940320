using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// atan, atan2, asin, acos and their float forms, all from one double-double arctangent:
/// atan t = atan c + atan((t − c)/(1 + t·c)) with c the nearest multiple of 1/8, leaving |u| ≤ 1/16
/// for the odd series; t &gt; 1 goes through π/2 − atan(1/t).
/// </summary>
internal static class InverseTrigonometric
{
    /// <summary>atan(j/8) for j = 0…8.</summary>
    private static ReadOnlySpan<double> AtanOfEighths =>
    [
        0.0, 0.0,
        0.12435499454676144, -3.1253241424539383e-18,
        0.24497866312686414, 1.0698755618734451e-17,
        0.35877067027057225, -2.4623815582638635e-17,
        0.4636476090008061, 2.2698777452961687e-17,
        0.5585993153435624, -5.4556305485916264e-18,
        0.6435011087932844, 1.5834785051444286e-17,
        0.7188299996216245, -2.1478388444456983e-17,
        0.7853981633974483, 3.061616997868383e-17,
    ];

    /// <summary>2^-27: below it atan, asin and the like round to x itself.</summary>
    private const double TinyArgument = 7.450580596923828E-09;

    /// <summary>2^60: beyond this ratio an angle is its limit to well under half an ulp.</summary>
    private const double HugeRatio = 1.152921504606847E+18;

    [RuntimeExport("atan")]
    internal static double Atan(double x)
    {
        if (double.IsNaN(x))
            return x + x;
        double ax = DoubleBits.Abs(x);
        if (ax < TinyArgument)
            return x;
        double result = ax > HugeRatio ? Constants.PiOver2.Hi : AtanDoubleDouble(ax).Value;
        return x < 0 ? -result : result;
    }

    [RuntimeExport("atanf")]
    internal static float AtanSingle(float x) => (float)Atan(x);

    [RuntimeExport("atan2")]
    internal static double Atan2(double y, double x)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
            return x + y;
        bool yNegative = DoubleBits.IsNegative(y);
        bool xNegative = DoubleBits.IsNegative(x);
        double result;
        if (y == 0)
            result = xNegative ? Constants.Pi.Hi : 0.0;
        else if (double.IsInfinity(y))
            result = double.IsInfinity(x) ? (xNegative ? 2.356194490192345 : Constants.PiOver4.Hi) : Constants.PiOver2.Hi;
        else if (x == 0)
            result = Constants.PiOver2.Hi;
        else if (double.IsInfinity(x))
            result = xNegative ? Constants.Pi.Hi : 0.0;
        else
            result = FiniteAngle(DoubleBits.Abs(y), DoubleBits.Abs(x), xNegative);
        return yNegative ? -result : result;
    }

    [RuntimeExport("atan2f")]
    internal static float Atan2Single(float y, float x) => (float)Atan2(y, x);

    [RuntimeExport("asin")]
    internal static double Asin(double x)
    {
        double ax = DoubleBits.Abs(x);
        if (!(ax <= 1.0))
            return double.IsNaN(x) ? x + x : double.NaN;
        if (ax < TinyArgument)
            return x;
        double result = ax == 1.0 ? Constants.PiOver2.Hi : AtanDoubleDouble(ax / SqrtOneMinusSquare(ax)).Value;
        return x < 0 ? -result : result;
    }

    [RuntimeExport("asinf")]
    internal static float AsinSingle(float x) => (float)Asin(x);

    [RuntimeExport("acos")]
    internal static double Acos(double x)
    {
        double ax = DoubleBits.Abs(x);
        if (!(ax <= 1.0))
            return double.IsNaN(x) ? x + x : double.NaN;
        if (ax < 8.673617379884035E-19) // 2^-60: π/2 − x rounds to π/2
            return Constants.PiOver2.Hi;
        if (x == 1.0)
            return 0.0;
        // acos x = atan(√(1−x²)/x), reflected to π − acos|x| for negative x.
        DoubleDouble angle = x == -1.0 ? 0.0 : AtanDoubleDouble(SqrtOneMinusSquare(ax) / ax);
        return (x < 0 ? Constants.Pi - angle : angle).Value;
    }

    [RuntimeExport("acosf")]
    internal static float AcosSingle(float x) => (float)Acos(x);

    /// <summary>atan2 of positive finite |y|, |x|, before y's sign is applied.</summary>
    private static double FiniteAngle(double ay, double ax, bool xNegative)
    {
        int gap = Exponent(ay) - Exponent(ax);
        if (gap > 62)
            return Constants.PiOver2.Hi; // π/2 ± a ratio below 2^-62 rounds to π/2
        if (gap < -62)
            return xNegative ? Constants.Pi.Hi : ay / ax; // atan t = t to well under half an ulp
        // Bring both near 1 with the same power of two: the ratio and its error terms stay in range.
        int shift = -Exponent(ax);
        double sx = DoubleBits.ScaleByPowerOfTwo(ax, shift);
        double sy = DoubleBits.ScaleByPowerOfTwo(ay, shift);
        DoubleDouble angle = AtanDoubleDouble(new DoubleDouble(sy, 0) / sx);
        return (xNegative ? Constants.Pi - angle : angle).Value;
    }

    /// <summary>The unbiased exponent of a positive finite double, subnormals included.</summary>
    private static int Exponent(double x)
    {
        int biased = DoubleBits.BiasedExponent(x);
        if (biased != 0)
            return biased - DoubleBits.ExponentBias;
        return DoubleBits.BiasedExponent(x * DoubleBits.PowerOfTwo(54)) - DoubleBits.ExponentBias - 54;
    }

    /// <summary>√(1 − x²) for 0 ≤ x &lt; 1, from (1 − x)(1 + x), exact near 1.</summary>
    private static DoubleDouble SqrtOneMinusSquare(double x) =>
        DoubleDouble.Sqrt(DoubleDouble.TwoSum(1.0, -x) * DoubleDouble.TwoSum(1.0, x));

    /// <summary>atan t for finite t ≥ 0, relative error near 2^-100.</summary>
    public static DoubleDouble AtanDoubleDouble(DoubleDouble t)
    {
        if (t.Hi > HugeRatio)
            return Constants.PiOver2 - 1.0 / t.Hi;
        bool reciprocal = t.Hi > 1.0;
        if (reciprocal)
            t = 1.0 / t;
        int j = (int)DoubleBits.RoundToInteger(t.Hi * 8);
        double c = j * 0.125;
        DoubleDouble u = j == 0 ? t : (t - c) / (t * c + 1.0);
        DoubleDouble u2 = u * u;
        double z = u2.Hi;
        // u^6 and beyond weigh below 2^-24: double suffices there.
        double tail = -1.0 / 7 + z * (1.0 / 9 + z * (-1.0 / 11 + z * (1.0 / 13 + z * (-1.0 / 15 + z * (1.0 / 17
            + z * (-1.0 / 19 + z * (1.0 / 21 + z * (-1.0 / 23))))))));
        DoubleDouble series = new DoubleDouble(-0.3333333333333333, -1.850371707708594e-17)
            + u2 * (new DoubleDouble(0.2, -1.1102230246251566e-17) + u2 * tail);
        DoubleDouble angle = u + u * u2 * series;
        if (j != 0)
            angle = new DoubleDouble(AtanOfEighths[2 * j], AtanOfEighths[2 * j + 1]) + angle;
        return reciprocal ? Constants.PiOver2 - angle : angle;
    }
}
