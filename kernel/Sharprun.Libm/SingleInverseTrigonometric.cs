using System.Runtime;

namespace Sharprun.Libm;

/// <summary>
/// glibc's atanf, atan2f, asinf and acosf (fdlibm's, entirely in float, no FMA variant): not correctly
/// rounded, so reproduced operation by operation, thresholds on the bit pattern as fdlibm compares them.
/// </summary>
internal static class SingleInverseTrigonometric
{
    /// <summary>atan(0.5), atan(1), atan(1.5), atan(∞) split into a float and its float remainder.</summary>
    private static ReadOnlySpan<float> AtanHigh => [4.6364760399e-01f, 7.8539812565e-01f, 9.8279368877e-01f, 1.5707962513e+00f];

    private static ReadOnlySpan<float> AtanLow => [5.0121582440e-09f, 3.7748947079e-08f, 3.4473217170e-08f, 7.5497894159e-08f];

    private const float Pi = 3.1415927410e+00f;
    private const float PiLow = -8.7422776573e-08f;
    private const float PiOver2 = 1.5707963705e+00f;
    private const float PiOver4 = 7.8539818525e-01f;

    [RuntimeExport("atanf")]
    internal static float Atan(float x)
    {
        int hx = Bits(x);
        int ix = hx & 0x7fffffff;
        int id;
        if (ix >= 0x4c000000) // |x| ≥ 2^25
        {
            if (ix > 0x7f800000)
                return x + x;
            return hx > 0 ? AtanHigh[3] + AtanLow[3] : -AtanHigh[3] - AtanLow[3];
        }
        if (ix < 0x3ee00000) // |x| < 0.4375
        {
            if (ix < 0x31000000) // |x| < 2^-29
                return x;
            id = -1;
        }
        else
        {
            x = System.MathF.Abs(x);
            if (ix < 0x3f980000) // |x| < 1.1875
            {
                if (ix < 0x3f300000) // |x| < 11/16
                {
                    id = 0;
                    x = (2.0f * x - 1.0f) / (2.0f + x);
                }
                else
                {
                    id = 1;
                    x = (x - 1.0f) / (x + 1.0f);
                }
            }
            else if (ix < 0x401c0000) // |x| < 2.4375
            {
                id = 2;
                x = (x - 1.5f) / (1.0f + 1.5f * x);
            }
            else
            {
                id = 3;
                x = -1.0f / x;
            }
        }
        float z = x * x;
        float w = z * z;
        // The odd and even halves of the series Σ aT[i]·z^(i+1), in w = z².
        float s1 = z * (3.3333334327e-01f + w * (1.4285714924e-01f + w * (9.0908870101e-02f + w * (6.6610731184e-02f
            + w * (4.9768779427e-02f + w * 1.6285819933e-02f)))));
        float s2 = w * (-2.0000000298e-01f + w * (-1.1111110449e-01f + w * (-7.6918758452e-02f + w * (-5.8335702866e-02f
            + w * -3.6531571299e-02f))));
        if (id < 0)
            return x - x * (s1 + s2);
        z = AtanHigh[id] - ((x * (s1 + s2) - AtanLow[id]) - x);
        return hx < 0 ? -z : z;
    }

    [RuntimeExport("atan2f")]
    internal static float Atan2(float y, float x)
    {
        int hx = Bits(x), hy = Bits(y);
        int ix = hx & 0x7fffffff, iy = hy & 0x7fffffff;
        if (ix > 0x7f800000 || iy > 0x7f800000)
            return x + y;
        if (hx == 0x3f800000)
            return Atan(y);
        int m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2·sign(x) + sign(y)
        if (iy == 0)
            return m switch { 0 or 1 => y, 2 => Pi, _ => -Pi };
        if (ix == 0)
            return hy < 0 ? -PiOver2 : PiOver2;
        if (ix == 0x7f800000)
        {
            if (iy == 0x7f800000)
                return m switch { 0 => PiOver4, 1 => -PiOver4, 2 => 3.0f * PiOver4, _ => -3.0f * PiOver4 };
            return m switch { 0 => 0.0f, 1 => -0.0f, 2 => Pi, _ => -Pi };
        }
        if (iy == 0x7f800000)
            return hy < 0 ? -PiOver2 : PiOver2;
        int k = (iy - ix) >> 23;
        float z;
        if (k > 60)
            z = PiOver2 + 0.5f * PiLow;
        else if (hx < 0 && k < -60)
            z = 0.0f;
        else
            z = Atan(System.MathF.Abs(y / x));
        return m switch
        {
            0 => z,
            1 => -z,
            2 => Pi - (z - PiLow),
            _ => (z - PiLow) - Pi,
        };
    }

    [RuntimeExport("asinf")]
    internal static float Asin(float x)
    {
        const float HalfPiHigh = 1.57079637050628662109375f, HalfPiLow = -4.37113900018624283e-8f;
        const float QuarterPiHigh = 0.785398185253143310546875f;
        int hx = Bits(x);
        int ix = hx & 0x7fffffff;
        if (ix == 0x3f800000)
            return x * HalfPiHigh + x * HalfPiLow;
        if (ix > 0x3f800000)
            return float.IsNaN(x) ? x + x : float.NaN;
        if (ix < 0x3f000000) // |x| < 0.5
        {
            if (ix < 0x32000000) // |x| < 2^-27
                return x;
            float t2 = x * x;
            return x + x * AsinSeries(t2);
        }
        float w = 1.0f - System.MathF.Abs(x);
        float t = w * 0.5f;
        float p = AsinSeries(t);
        float s = System.MathF.Sqrt(t);
        if (ix >= 0x3F79999A) // |x| > 0.975
            t = HalfPiHigh - (2.0f * (s + s * p) - HalfPiLow);
        else
        {
            // s split so that its high part squares exactly, c the correction of the split.
            float sHigh = FromBits(Bits(s) & unchecked((int)0xfffff000));
            float c = (t - sHigh * sHigh) / (s + sHigh);
            float r = p;
            p = 2.0f * s * r - (HalfPiLow - 2.0f * c);
            float q = QuarterPiHigh - 2.0f * sHigh;
            t = QuarterPiHigh - (p - q);
        }
        return hx > 0 ? t : -t;
    }

    [RuntimeExport("acosf")]
    internal static float Acos(float x)
    {
        const float PiRoundedDown = 3.1415925026e+00f, HalfPiHigh = 1.5707962513e+00f, HalfPiLow = 7.5497894159e-08f;
        int hx = Bits(x);
        int ix = hx & 0x7fffffff;
        if (ix == 0x3f800000)
            return hx > 0 ? 0.0f : PiRoundedDown + 2.0f * HalfPiLow;
        if (ix > 0x3f800000)
            return float.IsNaN(x) ? x + x : float.NaN;
        if (ix < 0x3f000000) // |x| < 0.5
        {
            if (ix <= 0x32800000) // |x| ≤ 2^-26
                return HalfPiHigh + HalfPiLow;
            float z2 = x * x;
            return HalfPiHigh - (x - (HalfPiLow - x * AcosRatio(z2)));
        }
        if (hx < 0) // x < −0.5
        {
            float z = (1.0f + x) * 0.5f;
            float s = System.MathF.Sqrt(z);
            float w = AcosRatio(z) * s - HalfPiLow;
            return PiRoundedDown - 2.0f * (s + w);
        }
        float zp = (1.0f - x) * 0.5f;
        float sp = System.MathF.Sqrt(zp);
        float df = FromBits(Bits(sp) & unchecked((int)0xfffff000));
        float cp = (zp - df * df) / (sp + df);
        float wp = AcosRatio(zp) * sp + cp;
        return 2.0f * (df + wp);
    }

    /// <summary>asinf's minimax polynomial t·P(t) for asin(√t)/√t − 1 on [0, ¼].</summary>
    private static float AsinSeries(float t) =>
        t * (1.666675248e-1f + t * (7.495297643e-2f + t * (4.547037598e-2f + t * (2.417951451e-2f + t * 4.216630880e-2f))));

    /// <summary>acosf's rational approximation p(z)/q(z).</summary>
    private static float AcosRatio(float z)
    {
        float p = z * (1.6666667163e-01f + z * (-3.2556581497e-01f + z * (2.0121252537e-01f + z * (-4.0055535734e-02f
            + z * (7.9153501429e-04f + z * 3.4793309169e-05f)))));
        float q = 1.0f + z * (-2.4033949375e+00f + z * (2.0209457874e+00f + z * (-6.8828397989e-01f + z * 7.7038154006e-02f)));
        return p / q;
    }

    private static int Bits(float x) => System.BitConverter.SingleToInt32Bits(x);

    private static float FromBits(int bits) => System.BitConverter.Int32BitsToSingle(bits);
}
