using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>sqrt, cbrt and their float forms.</summary>
internal static class Roots
{
    /// <summary>Generated code uses sqrtsd directly; the symbol serves indirect calls to Math.Sqrt.</summary>
    [RuntimeExport("sqrt")]
    internal static double Sqrt(double x) => System.Math.Sqrt(x);

    [RuntimeExport("sqrtf")]
    internal static float SqrtSingle(float x) => System.MathF.Sqrt(x);

    /// <summary>
    /// Newton's iteration in double from an exponent-based guess, then one correction from the exact
    /// residual x − y³ computed in double-double, which settles the last bit.
    /// </summary>
    [RuntimeExport("cbrt")]
    internal static double Cbrt(double x)
    {
        if (x == 0 || !double.IsFinite(x))
            return x + x;
        double ax = DoubleBits.Abs(x);
        int scale = 0;
        if (DoubleBits.BiasedExponent(ax) == 0)
        {
            ax *= DoubleBits.PowerOfTwo(54); // subnormal: normalize, 54 = 3 × 18
            scale = -18;
        }
        // ax = a × 2^(3q) with a in [1, 8).
        int exponent = DoubleBits.BiasedExponent(ax) - DoubleBits.ExponentBias;
        int q = exponent >= 0 ? exponent / 3 : -((-exponent + 2) / 3);
        double a = DoubleBits.ScaleByPowerOfTwo(ax, -3 * q);
        double y = 0.6 + a * (0.45 - a * 0.025); // within 30% on [1, 8); Newton converges from any y > 0
        for (int i = 0; i < 7; i++)
            y -= (y - a / (y * y)) / 3;
        DoubleDouble cube = DoubleDouble.TwoProduct(y, y) * y;
        DoubleDouble residual = new DoubleDouble(a, 0) - cube;
        double corrected = y + residual.Hi / (3 * y * y);
        double result = DoubleBits.ScaleByPowerOfTwo(corrected, q + scale);
        return x < 0 ? -result : result;
    }

    [RuntimeExport("cbrtf")]
    internal static float CbrtSingle(float x) => (float)Cbrt(x);
}
