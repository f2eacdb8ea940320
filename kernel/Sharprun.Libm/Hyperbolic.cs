using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// sinh, cosh, tanh, asinh, acosh, atanh and their float forms as glibc computes them (fdlibm's): the
/// classic identities on top of its own exp, expm1, log1p and log, over the same ranges (thresholds on
/// the high word, as fdlibm compares them), each operation in the same order, so the results are glibc's
/// bit for bit although they are not correctly rounded.
/// </summary>
internal static class Hyperbolic
{
    /// <summary>ln 2 rounded to double, as glibc adds it for huge arguments.</summary>
    private const double Ln2 = 6.93147180559945286227e-01;

    [RuntimeExport("sinh")]
    internal static double Sinh(double x)
    {
        int ix = HighWord(x) & 0x7fffffff;
        if (ix >= 0x7ff00000)
            return x + x;
        double half = x < 0 ? -0.5 : 0.5;
        double ax = DoubleBits.Abs(x);
        if (ix < 0x40360000) // |x| < 22
        {
            if (ix < 0x3e300000) // |x| < 2^-28
                return x;
            double t = ExpM1AndLog1P.ExpM1(ax);
            return ix < 0x3ff00000 ? half * (2.0 * t - t * t / (t + 1.0)) : half * (t + t / (t + 1.0));
        }
        if (ix < 0x40862e42) // below ln DBL_MAX
            return half * Exponential.Exp(ax);
        if ((ulong)DoubleBits.Bits(ax) <= 0x408633ce8fb9f87dUL) // up to the overflow threshold, e^(x/2) squared
        {
            double w = Exponential.Exp(0.5 * ax);
            return half * w * w;
        }
        return x * 1.0e307;
    }

    /// <summary>glibc's sinhf: the same identities as sinh, in float on expm1f and expf.</summary>
    [RuntimeExport("sinhf")]
    internal static float SinhSingle(float x)
    {
        int ix = System.BitConverter.SingleToInt32Bits(x) & 0x7fffffff;
        if (ix >= 0x7f800000)
            return x + x;
        float half = x < 0 ? -0.5f : 0.5f;
        float ax = System.MathF.Abs(x);
        if (ix < 0x41b00000) // |x| < 22
        {
            if (ix < 0x31800000) // |x| < 2^-28
                return x;
            float t = SingleExponential.ExpM1(ax);
            return ix < 0x3f800000 ? half * (2.0f * t - t * t / (t + 1.0f)) : half * (t + t / (t + 1.0f));
        }
        if (ix < 0x42b17180) // below ln FLT_MAX
            return half * SingleExponential.Exp(ax);
        if (ix <= 0x42b2d4fc) // up to the overflow threshold, e^(x/2) squared
        {
            float w = SingleExponential.Exp(0.5f * ax);
            return half * w * w;
        }
        return x * 1.0e37f;
    }

    [RuntimeExport("cosh")]
    internal static double Cosh(double x)
    {
        int ix = HighWord(x) & 0x7fffffff;
        double ax = DoubleBits.Abs(x);
        if (ix < 0x40360000) // |x| < 22
        {
            if (ix < 0x3fd62e43) // |x| < ln 2 / 2
            {
                if (ix < 0x3c800000)
                    return 1.0;
                double t = ExpM1AndLog1P.ExpM1(ax);
                double w = 1.0 + t;
                return 1.0 + t * t / (w + w);
            }
            double e = Exponential.Exp(ax);
            return 0.5 * e + 0.5 / e;
        }
        if (ix < 0x40862e42)
            return 0.5 * Exponential.Exp(ax);
        if ((ulong)DoubleBits.Bits(ax) <= 0x408633ce8fb9f87dUL)
        {
            double w = Exponential.Exp(0.5 * ax);
            return 0.5 * w * w;
        }
        return ix >= 0x7ff00000 ? x * x : double.PositiveInfinity;
    }

    /// <summary>glibc's coshf: the same identities as cosh, in float on expm1f and expf.</summary>
    [RuntimeExport("coshf")]
    internal static float CoshSingle(float x)
    {
        int ix = System.BitConverter.SingleToInt32Bits(x) & 0x7fffffff;
        float ax = System.MathF.Abs(x);
        if (ix < 0x41b00000) // |x| < 22
        {
            if (ix < 0x3eb17218) // |x| < ln 2 / 2
            {
                if (ix < 0x24000000)
                    return 1.0f;
                float t = SingleExponential.ExpM1(ax);
                float w = 1.0f + t;
                return 1.0f + t * t / (w + w);
            }
            float e = SingleExponential.Exp(ax);
            return 0.5f * e + 0.5f / e;
        }
        if (ix < 0x42b17180)
            return 0.5f * SingleExponential.Exp(ax);
        if (ix <= 0x42b2d4fc)
        {
            float w = SingleExponential.Exp(0.5f * ax);
            return 0.5f * w * w;
        }
        return ix >= 0x7f800000 ? x * x : float.PositiveInfinity;
    }

    [RuntimeExport("tanh")]
    internal static double Tanh(double x)
    {
        int jx = HighWord(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000)
            return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
        double z;
        if (ix < 0x40360000) // |x| < 22
        {
            if (x == 0)
                return x;
            if (ix < 0x3c800000) // |x| < 2^-55
                return x * (1.0 + x);
            double ax = DoubleBits.Abs(x);
            if (ix >= 0x3ff00000)
                z = 1.0 - 2.0 / (ExpM1AndLog1P.ExpM1(2.0 * ax) + 2.0);
            else
            {
                double t = ExpM1AndLog1P.ExpM1(-2.0 * ax);
                z = -t / (t + 2.0);
            }
        }
        else
            z = 1.0;
        return jx >= 0 ? z : -z;
    }

    /// <summary>glibc's tanhf: the same identities as tanh, in float on expm1f.</summary>
    [RuntimeExport("tanhf")]
    internal static float TanhSingle(float x)
    {
        int jx = System.BitConverter.SingleToInt32Bits(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7f800000)
            return jx >= 0 ? 1.0f / x + 1.0f : 1.0f / x - 1.0f;
        float z;
        if (ix < 0x41b00000) // |x| < 22
        {
            if (ix == 0)
                return x;
            if (ix < 0x24000000) // |x| < 2^-55
                return x * (1.0f + x);
            float ax = System.MathF.Abs(x);
            if (ix >= 0x3f800000)
                z = 1.0f - 2.0f / (SingleExponential.ExpM1(2.0f * ax) + 2.0f);
            else
            {
                float t = SingleExponential.ExpM1(-2.0f * ax);
                z = -t / (t + 2.0f);
            }
        }
        else
            z = 1.0f;
        return jx >= 0 ? z : -z;
    }

    [RuntimeExport("asinh")]
    internal static double Asinh(double x)
    {
        int ix = HighWord(x) & 0x7fffffff;
        if (ix < 0x3e300000) // |x| < 2^-28
            return x;
        double w;
        double ax = DoubleBits.Abs(x);
        if (ix > 0x41b00000) // |x| > 2^28
        {
            if (ix >= 0x7ff00000)
                return x + x;
            w = NaturalLogarithm.Log(ax) + Ln2;
        }
        else if (ix > 0x40000000) // |x| > 2
            w = NaturalLogarithm.Log(2.0 * ax + 1.0 / (System.Math.Sqrt(ax * ax + 1.0) + ax));
        else
        {
            double t = ax * ax;
            w = ExpM1AndLog1P.Log1P(ax + t / (1.0 + System.Math.Sqrt(1.0 + t)));
        }
        return DoubleBits.CopySign(w, x);
    }

    /// <summary>ln 2 rounded to float, as glibc's float functions add it.</summary>
    private const float Ln2Single = 0.6931471824645996f;

    /// <summary>glibc's asinhf: the same identities as asinh, in float on logf and log1pf.</summary>
    [RuntimeExport("asinhf")]
    internal static float AsinhSingle(float x)
    {
        int ix = System.BitConverter.SingleToInt32Bits(x) & 0x7fffffff;
        if (ix < 0x38000000) // |x| < 2^-14
            return x;
        float w;
        float ax = System.MathF.Abs(x);
        if (ix > 0x47000000) // |x| > 2^14
        {
            if (ix >= 0x7f800000)
                return x + x;
            w = SingleLogarithm.Log(ax) + Ln2Single;
        }
        else if (ix > 0x40000000) // |x| > 2
            w = SingleLogarithm.Log(2.0f * ax + 1.0f / (System.MathF.Sqrt(ax * ax + 1.0f) + ax));
        else
        {
            float t = ax * ax;
            w = SingleLogarithm.Log1P(ax + t / (1.0f + System.MathF.Sqrt(1.0f + t)));
        }
        return System.MathF.CopySign(w, x);
    }

    [RuntimeExport("acosh")]
    internal static double Acosh(double x)
    {
        long hx = DoubleBits.Bits(x);
        if (hx > 0x4000000000000000) // x > 2
        {
            if (hx >= 0x41b0000000000000) // x ≥ 2^28, inf or NaN
                return hx >= 0x7ff0000000000000 ? x + x : NaturalLogarithm.Log(x) + Ln2;
            return NaturalLogarithm.Log(2.0 * x - 1.0 / (x + System.Math.Sqrt(x * x - 1.0)));
        }
        if (hx > 0x3ff0000000000000) // 1 < x ≤ 2
        {
            double t = x - 1.0;
            return ExpM1AndLog1P.Log1P(t + System.Math.Sqrt(2.0 * t + t * t));
        }
        if (hx == 0x3ff0000000000000)
            return 0.0;
        return double.IsNaN(x) ? x + x : double.NaN;
    }

    /// <summary>glibc's acoshf: the same identities as acosh, in float on logf and log1pf.</summary>
    [RuntimeExport("acoshf")]
    internal static float AcoshSingle(float x)
    {
        int hx = System.BitConverter.SingleToInt32Bits(x);
        if (hx < 0x3f800000) // x < 1, negative or −NaN
            return float.IsNaN(x) ? x + x : float.NaN;
        if (hx >= 0x4d800000) // x ≥ 2^28, inf or NaN
            return hx >= 0x7f800000 ? x + x : SingleLogarithm.Log(x) + Ln2Single;
        if (hx == 0x3f800000)
            return 0.0f;
        if (hx > 0x40000000) // x > 2
            return SingleLogarithm.Log(2.0f * x - 1.0f / (x + System.MathF.Sqrt(x * x - 1.0f)));
        float t = x - 1.0f;
        return SingleLogarithm.Log1P(t + System.MathF.Sqrt(2.0f * t + t * t));
    }

    [RuntimeExport("atanh")]
    internal static double Atanh(double x)
    {
        double ax = DoubleBits.Abs(x);
        double t;
        if (ax < 0.5)
        {
            if (ax < 3.725290298461914E-09) // 2^-28
                return x;
            t = ax + ax;
            t = 0.5 * ExpM1AndLog1P.Log1P(t + t * ax / (1.0 - ax));
        }
        else if (ax < 1.0)
            t = 0.5 * ExpM1AndLog1P.Log1P((ax + ax) / (1.0 - ax));
        else if (ax > 1.0)
            return double.NaN;
        else if (double.IsNaN(x))
            return x + x;
        else
            return x / 0.0;
        return DoubleBits.CopySign(t, x);
    }

    /// <summary>glibc's atanhf: the same identities as atanh, in float on log1pf.</summary>
    [RuntimeExport("atanhf")]
    internal static float AtanhSingle(float x)
    {
        float ax = System.MathF.Abs(x);
        float t;
        if (ax < 0.5f)
        {
            if (ax < 3.7252903e-09f) // 2^-28
                return x;
            t = ax + ax;
            t = 0.5f * SingleLogarithm.Log1P(t + t * ax / (1.0f - ax));
        }
        else if (ax < 1.0f)
            t = 0.5f * SingleLogarithm.Log1P((ax + ax) / (1.0f - ax));
        else if (ax > 1.0f)
            return float.NaN;
        else if (float.IsNaN(x))
            return x + x;
        else
            return x / 0.0f;
        return System.MathF.CopySign(t, x);
    }

    private static int HighWord(double x) => (int)(DoubleBits.Bits(x) >> 32);
}
