using System.Runtime;

namespace Sharprun.Libm;

/// <summary>
/// glibc's sinf and cosf (ARM optimized routines) as its FMA variant computes them, in double: reduction
/// by π/2 in double below 120, by a 4/π table beyond; then odd or even polynomials of the remainder.
/// tanf (no FMA variant) shares the reduction and finishes with fdlibm's float kernel.
/// </summary>
internal static class SingleTrigonometric
{
    /// <summary>4/π, each word adding 8 new bits to the previous one so that any 96-bit window is three aligned words.</summary>
    private static ReadOnlySpan<uint> FourOverPi =>
    [
        0x000000A2, 0x0000A2F9, 0x00A2F983, 0xA2F9836E, 0xF9836E4E, 0x836E4E44,
        0x6E4E4415, 0x4E441529, 0x441529FC, 0x1529FC27, 0x29FC2757, 0xFC2757D1,
        0x2757D1F5, 0x57D1F534, 0xD1F534DD, 0xF534DDC0, 0x34DDC0DB, 0xDDC0DB62,
        0xC0DB6295, 0xDB629599, 0x6295993C, 0x95993C43, 0x993C4390, 0x3C439041,
    ];

    /// <summary>The sign of the sine in quadrants 0…3.</summary>
    private static ReadOnlySpan<double> QuadrantSign => [1.0, -1.0, -1.0, 1.0];

    [RuntimeExport("sinf")]
    internal static float Sin(float y)
    {
        double x = y;
        uint top = AbsTop12(y);
        if (top < AbsTop12(0.7853981852531433f)) // |y| < π/4
        {
            if (top < AbsTop12(2.44140625e-04f)) // |y| < 2^-12
                return y;
            return Polynomial(x, x * x, 0, false);
        }
        if (top < AbsTop12(120.0f))
        {
            x = ReduceFast(x, out int n);
            return Polynomial(x * QuadrantSign[n & 3], x * x, n, (n & 2) != 0);
        }
        if (top < AbsTop12(float.PositiveInfinity))
        {
            uint xi = (uint)System.BitConverter.SingleToInt32Bits(y);
            int sign = (int)(xi >> 31);
            x = ReduceLarge(xi, out int n);
            return Polynomial(x * QuadrantSign[(n + sign) & 3], x * x, n, ((n + sign) & 2) != 0);
        }
        return float.IsNaN(y) ? y + y : float.NaN;
    }

    [RuntimeExport("cosf")]
    internal static float Cos(float y)
    {
        double x = y;
        uint top = AbsTop12(y);
        if (top < AbsTop12(0.7853981852531433f))
        {
            if (top < AbsTop12(2.44140625e-04f))
                return 1.0f;
            return Polynomial(x, x * x, 1, false);
        }
        if (top < AbsTop12(120.0f))
        {
            x = ReduceFast(x, out int n);
            return Polynomial(x * QuadrantSign[n & 3], x * x, n ^ 1, (n & 2) != 0);
        }
        if (top < AbsTop12(float.PositiveInfinity))
        {
            uint xi = (uint)System.BitConverter.SingleToInt32Bits(y);
            int sign = (int)(xi >> 31);
            x = ReduceLarge(xi, out int n);
            return Polynomial(x * QuadrantSign[(n + sign) & 3], x * x, n ^ 1, ((n + sign) & 2) != 0);
        }
        return float.IsNaN(y) ? y + y : float.NaN;
    }

    [RuntimeExport("tanf")]
    internal static float Tan(float x)
    {
        int ix = System.BitConverter.SingleToInt32Bits(x) & 0x7fffffff;
        if (ix <= 0x3f490fda) // |x| ≤ π/4
            return TanKernel(x, 0.0f, 1);
        if (ix >= 0x7f800000)
            return x - x;
        double dx;
        int n;
        if (AbsTop12(x) < AbsTop12(120.0f))
        {
            n = ((int)(x * 10680707.430881744) + 0x800000) >> 24;
            dx = x - n * 1.5707963267948966; // tanf's build has no FMA: the product rounds
        }
        else
        {
            uint xi = (uint)System.BitConverter.SingleToInt32Bits(x);
            dx = ReduceLarge(xi, out n);
            if ((xi >> 31) != 0)
                dx = -dx;
        }
        float high = (float)dx;
        float low = (float)(dx - high);
        return TanKernel(high, low, 1 - ((n & 1) << 1));
    }

    /// <summary>fdlibm's float tan kernel: tan(x + y) for iy = 1, −1/tan(x + y) for iy = −1, |x + y| ≲ π/4.</summary>
    private static float TanKernel(float x, float y, int iy)
    {
        const float QuarterPi = 7.8539812565e-01f, QuarterPiLow = 3.7748947079e-08f;
        int hx = System.BitConverter.SingleToInt32Bits(x);
        int ix = hx & 0x7fffffff;
        if (ix < 0x39000000 && (int)x == 0) // |x| < 2^-13
        {
            if ((ix | (iy + 1)) == 0)
                return 1.0f / System.MathF.Abs(x);
            return iy == 1 ? x : -1.0f / x;
        }
        bool nearQuarterPi = ix >= 0x3f2ca140; // |x| ≥ 0.6744: tan(π/4 − x) converges faster
        if (nearQuarterPi)
        {
            if (hx < 0)
            {
                x = -x;
                y = -y;
            }
            float zq = QuarterPi - x;
            float wq = QuarterPiLow - y;
            x = zq + wq;
            y = 0.0f;
            if (System.MathF.Abs(x) < 1.220703125e-04f) // 2^-13
                return (1 - ((hx >> 30) & 2)) * iy * (1.0f - 2 * iy * x);
        }
        float z = x * x;
        float w = z * z;
        // x^5·(T1 + x²T2 + …) split into odd and even halves in w = x⁴.
        float r = 0.13333334028720856f + w * (0.021869488060474396f + w * (0.0035920790396630764f + w * (0.0005880412645637989f + w * (7.817944424459711e-05f + w * -1.8558637748355977e-05f))));
        float v = z * (0.05396825447678566f + w * (0.008863239549100399f + w * (0.00145620945841074f + w * (0.0002464631397742778f + w * (7.14072521077469e-05f + w * 2.590730582596734e-05f)))));
        float s = z * x;
        r = y + z * (s * (r + v) + y);
        r += 0.3333333432674408f * s;
        w = x + r;
        if (nearQuarterPi)
        {
            v = iy;
            return (1 - ((hx >> 30) & 2)) * (v - 2.0f * (x - (w * w / (w + v) - r)));
        }
        if (iy == 1)
            return w;
        // −1/(x + r) with the quotient's error corrected from split halves.
        float zh = FromBits(Bits(w) & unchecked((int)0xfffff000));
        v = r - (zh - x);
        float a = -1.0f / w;
        float t = FromBits(Bits(a) & unchecked((int)0xfffff000));
        s = 1.0f + t * zh;
        return t + a * (s + t * v);
    }

    private static int Bits(float x) => System.BitConverter.SingleToInt32Bits(x);

    private static float FromBits(int bits) => System.BitConverter.Int32BitsToSingle(bits);

    /// <summary>sin x for even n, else cos x (negated when negateCosine, the second table's signs), |x| ≤ π/4.</summary>
    private static float Polynomial(double x, double x2, int n, bool negateCosine)
    {
        if ((n & 1) == 0)
        {
            double x3 = x * x2;
            double s1 = System.Math.FusedMultiplyAdd(x2, -0.00019517298981385725, 0.008332178146138854);
            double x7 = x3 * x2;
            double s = System.Math.FusedMultiplyAdd(x3, -0.16666654943701084, x);
            return (float)System.Math.FusedMultiplyAdd(x7, s1, s);
        }
        double sign = negateCosine ? -1.0 : 1.0;
        double x4 = x2 * x2;
        double c2 = System.Math.FusedMultiplyAdd(x2, sign * 2.4390450703564542e-05, sign * -0.001388676379437604);
        double c1 = System.Math.FusedMultiplyAdd(x2, sign * -0.49999999725108224, sign * 1.0);
        double x6 = x4 * x2;
        double c = System.Math.FusedMultiplyAdd(x4, sign * 0.041666623324344516, c1);
        return (float)System.Math.FusedMultiplyAdd(x6, c2, c);
    }

    /// <summary>x − n·π/2 for |x| &lt; 120, n the nearest quadrant (from x·2^24·2/π, rounded by adding half).</summary>
    private static double ReduceFast(double x, out int n)
    {
        double r = x * 10680707.430881744;
        n = ((int)r + 0x800000) >> 24;
        return System.Math.FusedMultiplyAdd(-n, 1.5707963267948966, x);
    }

    /// <summary>The remainder of |x| modulo π/2 for the float with bits xi ≥ 120, from a 96-bit window of 4/π.</summary>
    private static double ReduceLarge(uint xi, out int n)
    {
        int index = (int)((xi >> 26) & 15);
        int shift = (int)((xi >> 23) & 7);
        xi = (xi & 0xffffff) | 0x800000;
        xi <<= shift;
        ulong res0 = xi * FourOverPi[index];
        ulong res1 = (ulong)xi * FourOverPi[index + 4];
        ulong res2 = (ulong)xi * FourOverPi[index + 8];
        res0 = (res2 >> 32) | (res0 << 32);
        res0 += res1;
        ulong quadrant = (res0 + (1UL << 61)) >> 62;
        res0 -= quadrant << 62;
        n = (int)quadrant;
        return (long)res0 * 3.4061215800865545e-19;
    }

    private static uint AbsTop12(float x) => ((uint)System.BitConverter.SingleToInt32Bits(x) >> 20) & 0x7ff;
}
