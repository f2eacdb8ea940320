using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>sqrt, cbrt and their float forms.</summary>
internal static class Roots
{
    /// <summary>Generated code uses sqrtsd directly; the symbol serves indirect calls to Math.Sqrt.</summary>
    [RuntimeExport("sqrt")]
    internal static double Sqrt(double x) => System.Math.Sqrt(x);

    [RuntimeExport("sqrtf")]
    internal static float SqrtSingle(float x) => System.MathF.Sqrt(x);

    /// <summary>1/2^(2/3), 1/2^(1/3), 1, 2^(1/3), 2^(2/3) as glibc rounds them: the part of the exponent a cube root cannot shift out.</summary>
    private static ReadOnlySpan<double> CubeRootOfTwoPowers => [0.6299605249474365, 0.7937005259840997, 1.0, 1.2599210498948732, 1.5874010519681996];

    /// <summary>
    /// glibc's cbrt, which is not correctly rounded (cbrt(27) is 3.0000000000000004): x = m·2^e with m in
    /// [½, 1), a degree-6 polynomial guess for ∛m, one Halley step u(u³ + 2m)/(2u³ + m), times 2^((e mod 3)/3).
    /// </summary>
    [RuntimeExport("cbrt")]
    internal static double Cbrt(double x)
    {
        if (x == 0 || !double.IsFinite(x))
            return x + x;
        double m = SplitExponent(DoubleBits.Abs(x), out int e);
        double u = 0.354895765043919860 + (1.50819193781584896 + (-2.11499494167371287 + (2.44693122563534430
            + (-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * m) * m) * m) * m) * m) * m;
        double cube = u * u * u;
        double root = u * (cube + 2.0 * m) / (2.0 * cube + m) * CubeRootOfTwoPowers[2 + e % 3];
        return DoubleBits.ScaleByPowerOfTwo(x > 0 ? root : -root, e / 3);
    }

    /// <summary>glibc's cbrtf: the same step from a quadratic guess, the guess and its cube rounded to float.</summary>
    [RuntimeExport("cbrtf")]
    internal static float CbrtSingle(float x)
    {
        if (x == 0 || !float.IsFinite(x))
            return x + x;
        float m = (float)SplitExponent(DoubleBits.Abs(x), out int e);
        float u = (float)(0.492659620528969547 + (0.697570460207922770 - 0.191502161678719066 * m) * m);
        float cube = u * u * u;
        float root = (float)(u * (cube + 2.0 * m) / (2.0 * cube + m) * CubeRootOfTwoPowers[2 + e % 3]);
        return (float)DoubleBits.ScaleByPowerOfTwo(x > 0 ? root : -root, e / 3);
    }

    /// <summary>frexp for finite x &gt; 0: x = result × 2^e with the result in [½, 1).</summary>
    private static double SplitExponent(double x, out int e)
    {
        e = 0;
        if (DoubleBits.BiasedExponent(x) == 0)
        {
            x *= DoubleBits.PowerOfTwo(54); // subnormal: normalize first
            e = -54;
        }
        e += DoubleBits.BiasedExponent(x) - (DoubleBits.ExponentBias - 1);
        return DoubleBits.FromBits((DoubleBits.Bits(x) & DoubleBits.MantissaMask) | ((long)(DoubleBits.ExponentBias - 1) << DoubleBits.MantissaBits));
    }
}
