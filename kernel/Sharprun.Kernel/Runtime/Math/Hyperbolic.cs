using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// sinh, cosh, tanh, asinh, acosh, atanh and their float forms. Outputs must match glibc's, whose
/// versions are not correctly rounded: they evaluate the classic identities in double on top of
/// expm1/exp/log1p/log. Evaluating the same identities over the same ranges, on our correctly rounded
/// primitives, reproduces glibc's result far more often (measured: from ~20% mismatches to ~1%)
/// than a correctly rounded hyperbolic function would.
/// </summary>
internal static class Hyperbolic
{
    /// <summary>2^-28: below it sinh, tanh, asinh and atanh return x.</summary>
    private const double TinyArgument = 3.725290298461914E-09;

    /// <summary>2^28: beyond it √(x² ± 1) is |x| and the inverse functions are ln|x| + ln 2.</summary>
    private const double HugeArgument = 268435456.0;

    /// <summary>Below ln(DBL_MAX) e^x itself is finite; above, e^(x/2) squared reaches the last binade.</summary>
    private const double ExpLimit = 709.78;

    [RuntimeExport("sinh")]
    internal static double Sinh(double x)
    {
        if (!double.IsFinite(x))
            return x + x;
        double ax = DoubleBits.Abs(x);
        double half = x < 0 ? -0.5 : 0.5;
        if (ax < TinyArgument)
            return x;
        if (ax < 22)
        {
            double t = ExpM1(ax);
            return ax < 1 ? half * (2 * t - t * t / (t + 1)) : half * (t + t / (t + 1));
        }
        if (ax < ExpLimit)
            return half * Exponential.Exp(ax);
        double w = Exponential.Exp(0.5 * ax);
        return half * w * w;
    }

    [RuntimeExport("sinhf")]
    internal static float SinhSingle(float x) => (float)Sinh(x);

    [RuntimeExport("cosh")]
    internal static double Cosh(double x)
    {
        if (!double.IsFinite(x))
            return x * x;
        double ax = DoubleBits.Abs(x);
        if (ax < 0.3465735902799726) // ln 2 / 2
        {
            double t = ExpM1(ax);
            double w = 1 + t;
            return ax < 2.7755575615628914E-17 ? w : 1 + t * t / (w + w); // 2^-55
        }
        if (ax < 22)
        {
            double t = Exponential.Exp(ax);
            return 0.5 * t + 0.5 / t;
        }
        if (ax < ExpLimit)
            return 0.5 * Exponential.Exp(ax);
        double w2 = Exponential.Exp(0.5 * ax);
        return 0.5 * w2 * w2;
    }

    [RuntimeExport("coshf")]
    internal static float CoshSingle(float x) => (float)Cosh(x);

    [RuntimeExport("tanh")]
    internal static double Tanh(double x)
    {
        if (double.IsNaN(x))
            return x + x;
        double ax = DoubleBits.Abs(x);
        if (ax < TinyArgument)
            return x;
        double result;
        if (ax >= 22)
            result = 1.0; // 1 − tanh x is below a quarter ulp of 1
        else if (ax >= 1)
            result = 1 - 2 / (ExpM1(2 * ax) + 2);
        else
        {
            double t = ExpM1(-2 * ax);
            result = -t / (t + 2);
        }
        return x < 0 ? -result : result;
    }

    [RuntimeExport("tanhf")]
    internal static float TanhSingle(float x) => (float)Tanh(x);

    [RuntimeExport("asinh")]
    internal static double Asinh(double x)
    {
        if (!double.IsFinite(x))
            return x + x;
        double ax = DoubleBits.Abs(x);
        if (ax < TinyArgument)
            return x;
        double result;
        if (ax > HugeArgument)
            result = Logarithm.Log(ax) + Constants.Ln2.Hi;
        else if (ax > 2)
            result = Logarithm.Log(2 * ax + 1 / (System.Math.Sqrt(ax * ax + 1) + ax));
        else
        {
            double square = ax * ax;
            result = Log1P(ax + square / (1 + System.Math.Sqrt(1 + square)));
        }
        return x < 0 ? -result : result;
    }

    [RuntimeExport("asinhf")]
    internal static float AsinhSingle(float x) => (float)Asinh(x);

    [RuntimeExport("acosh")]
    internal static double Acosh(double x)
    {
        if (!(x >= 1.0))
            return double.IsNaN(x) ? x + x : double.NaN;
        if (x == 1.0)
            return 0.0;
        if (x >= HugeArgument)
            return double.IsInfinity(x) ? x : Logarithm.Log(x) + Constants.Ln2.Hi;
        if (x > 2)
            return Logarithm.Log(2 * x - 1 / (x + System.Math.Sqrt(x * x - 1)));
        double t = x - 1;
        return Log1P(t + System.Math.Sqrt(2 * t + t * t));
    }

    [RuntimeExport("acoshf")]
    internal static float AcoshSingle(float x) => (float)Acosh(x);

    [RuntimeExport("atanh")]
    internal static double Atanh(double x)
    {
        double ax = DoubleBits.Abs(x);
        if (!(ax < 1.0))
        {
            if (ax == 1.0)
                return x * double.PositiveInfinity;
            return double.IsNaN(x) ? x + x : double.NaN;
        }
        if (ax < TinyArgument)
            return x;
        double twice = ax + ax;
        double result = ax < 0.5 ? 0.5 * Log1P(twice + twice * ax / (1 - ax)) : 0.5 * Log1P(twice / (1 - ax));
        return x < 0 ? -result : result;
    }

    [RuntimeExport("atanhf")]
    internal static float AtanhSingle(float x) => (float)Atanh(x);

    /// <summary>e^x − 1 correctly rounded (in all but astronomically rare cases), for finite |x| ≤ 40.</summary>
    internal static double ExpM1(double x) => Exponential.ExpM1(x).Value;

    /// <summary>ln(1 + x) correctly rounded (in all but astronomically rare cases), for finite x &gt; −1.</summary>
    internal static double Log1P(double x) => Logarithm.LogDoubleDouble(DoubleDouble.TwoSum(1.0, x)).Value;
}
