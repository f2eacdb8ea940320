using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's expm1 and log1p (fdlibm's), on which its sinh, cosh, tanh, asinh, acosh and atanh build, as
/// Debian's glibc 2.36 computes them on CPUs with FMA: its builds carry FMA variants of both, where the
/// compiler fused the products shown here (read from its machine code). Not correctly rounded, so
/// reproduced operation by operation; thresholds compare the high word of the argument as fdlibm does.
/// </summary>
internal static class ExpM1AndLog1P
{
    private const double Ln2High = 6.93147180369123816490e-01; // 33 bits: k·Ln2High is exact
    private const double Ln2Low = 1.90821492927058770002e-10;

    /// <summary>e^x − 1: x = k ln 2 + r with a correction c, e^r − 1 from a rational approximation.</summary>
    public static double ExpM1(double x)
    {
        uint hx = HighWord(x);
        bool negative = (hx & 0x80000000) != 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4043687A) // |x| ≥ 56 ln 2
        {
            if (hx >= 0x40862E42) // |x| ≥ 709.78
            {
                if (hx >= 0x7ff00000)
                    return double.IsNaN(x) ? x + x : negative ? -1.0 : x;
                if (x > 7.09782712893383973096e+02)
                    return double.PositiveInfinity;
            }
            if (negative)
                return -1.0;
        }
        int k;
        double c = 0;
        if (hx > 0x3fd62e42) // |x| > ln 2 / 2
        {
            double hi, lo;
            if (hx < 0x3FF0A2B2) // |x| < 1.5 ln 2
            {
                hi = negative ? x + Ln2High : x - Ln2High;
                lo = negative ? -Ln2Low : Ln2Low;
                k = negative ? -1 : 1;
            }
            else
            {
                k = (int)(1.44269504088896338700e+00 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = System.Math.FusedMultiplyAdd(-t, Ln2High, x);
                lo = t * Ln2Low;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (hx < 0x3c900000) // |x| < 2^-54
            return x;
        else
            k = 0;
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = System.Math.FusedMultiplyAdd(hxs, -3.33333333333331316428e-02, 1.0);
        double h2 = hxs * hxs;
        double r2 = System.Math.FusedMultiplyAdd(hxs, -7.93650757867487942473e-05, 1.58730158725481460165e-03);
        double h4 = h2 * h2;
        double r3 = System.Math.FusedMultiplyAdd(hxs, -2.01099218183624371326e-07, 4.00821782732936239552e-06);
        double series = System.Math.FusedMultiplyAdd(h4, r3, System.Math.FusedMultiplyAdd(h2, r2, r1));
        double t3 = System.Math.FusedMultiplyAdd(-series, hfx, 3.0);
        double e = hxs * ((series - t3) / System.Math.FusedMultiplyAdd(-x, t3, 6.0));
        if (k == 0)
            return x - System.Math.FusedMultiplyAdd(x, e, -hxs);
        e = System.Math.FusedMultiplyAdd(x, e - c, -c);
        e -= hxs;
        if (k == -1)
            return System.Math.FusedMultiplyAdd(x - e, 0.5, -0.5);
        if (k == 1)
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : System.Math.FusedMultiplyAdd(x - e, 2.0, 1.0);
        if (k <= -2 || k > 56)
            return AddToExponent(1.0 - (e - x), k) - 1.0;
        if (k < 20)
            return AddToExponent(WithHighWord(1.0, 0x3ff00000 - (0x200000u >> k)) - (e - x), k); // 1 − 2^-k
        double y = x - (e + WithHighWord(1.0, (uint)(0x3ff - k) << 20)); // 2^-k (low word zero)
        return AddToExponent(y + 1.0, k);
    }

    /// <summary>ln(1 + x): 1 + x = 2^k(1 + f) with a correction for the rounding of 1 + x, then s = f/(2 + f).</summary>
    public static double Log1P(double x)
    {
        int hx = (int)HighWord(x);
        int ax = hx & 0x7fffffff;
        int k = 1, hu = 0;
        double f = 0, c = 0;
        if (hx < 0x3FDA827A) // x < 0.41422
        {
            if (ax >= 0x3ff00000) // x ≤ −1
                return x == -1.0 ? double.NegativeInfinity : double.NaN;
            if (ax < 0x3e200000) // |x| < 2^-29
                return ax < 0x3c900000 ? x : System.Math.FusedMultiplyAdd(-(x * x), 0.5, x);
            if (hx > 0 || hx <= unchecked((int)0xbfd2bec3)) // −0.2929 < x < 0.41422
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        else if (hx >= 0x7ff00000)
            return x + x;
        if (k != 0)
        {
            double u;
            if (hx < 0x43400000)
            {
                u = 1.0 + x;
                hu = (int)HighWord(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            }
            else
            {
                u = x;
                hu = (int)HighWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e)
                u = WithHighWord(u, (uint)(hu | 0x3ff00000));
            else
            {
                k += 1;
                u = WithHighWord(u, (uint)(hu | 0x3fe00000));
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) // |f| < 2^-20
        {
            if (f == 0)
            {
                if (k == 0)
                    return 0;
                c = System.Math.FusedMultiplyAdd(k, Ln2Low, c);
                return System.Math.FusedMultiplyAdd(k, Ln2High, c);
            }
            double rough = hfsq * System.Math.FusedMultiplyAdd(-f, 0.66666666666666666, 1.0);
            return k == 0 ? f - rough : System.Math.FusedMultiplyAdd(k, Ln2High, -((rough - System.Math.FusedMultiplyAdd(k, Ln2Low, c)) - f));
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double z2 = z * z;
        double p2 = System.Math.FusedMultiplyAdd(z, 2.857142874366239149e-01, 3.999999999940941908e-01);
        double z4 = z2 * z2;
        double p3 = System.Math.FusedMultiplyAdd(z, 1.818357216161805012e-01, 2.222219843214978396e-01);
        double z6 = z4 * z2;
        double p4 = System.Math.FusedMultiplyAdd(z, 1.479819860511658591e-01, 1.531383769920937332e-01);
        double series = System.Math.FusedMultiplyAdd(z6, p4, System.Math.FusedMultiplyAdd(z4, p3, System.Math.FusedMultiplyAdd(z, 6.666666666666735130e-01, z2 * p2)));
        double scaled = s * (hfsq + series);
        if (k == 0)
            return f - (hfsq - scaled);
        return System.Math.FusedMultiplyAdd(k, Ln2High, -((hfsq - (scaled + System.Math.FusedMultiplyAdd(k, Ln2Low, c))) - f));
    }

    private static uint HighWord(double x) => (uint)((ulong)DoubleBits.Bits(x) >> 32);

    private static double WithHighWord(double x, uint high) =>
        DoubleBits.FromBits((long)(((ulong)high << 32) | ((ulong)DoubleBits.Bits(x) & 0xffffffff)));

    private static double AddToExponent(double y, int k) => DoubleBits.FromBits(DoubleBits.Bits(y) + ((long)k << 52));
}
