using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's expf and expm1f, the float exponentials the float hyperbolic functions build on. expf is the
/// ARM optimized-routines algorithm (in double: x·32/ln 2 = k + r, 2^(k/32) from a table, a cubic in r),
/// as glibc's FMA variant computes it; expm1f is fdlibm's, entirely in float.
/// </summary>
internal static class SingleExponential
{
    /// <summary>2^(i/32) as bits, less i·2^47 so that adding k·2^47 puts k/32 into the exponent.</summary>
    internal static ReadOnlySpan<ulong> TwoToTheIOver32 =>
    [
        0x3FF0000000000000, 0x3FEFD9B0D3158574, 0x3FEFB5586CF9890F, 0x3FEF9301D0125B51,
        0x3FEF72B83C7D517B, 0x3FEF54873168B9AA, 0x3FEF387A6E756238, 0x3FEF1E9DF51FDEE1,
        0x3FEF06FE0A31B715, 0x3FEEF1A7373AA9CB, 0x3FEEDEA64C123422, 0x3FEECE086061892D,
        0x3FEEBFDAD5362A27, 0x3FEEB42B569D4F82, 0x3FEEAB07DD485429, 0x3FEEA47EB03A5585,
        0x3FEEA09E667F3BCD, 0x3FEE9F75E8EC5F74, 0x3FEEA11473EB0187, 0x3FEEA589994CCE13,
        0x3FEEACE5422AA0DB, 0x3FEEB737B0CDC5E5, 0x3FEEC49182A3F090, 0x3FEED503B23E255D,
        0x3FEEE89F995AD3AD, 0x3FEEFF76F2FB5E47, 0x3FEF199BDD85529C, 0x3FEF3720DCEF9069,
        0x3FEF5818DCFBA487, 0x3FEF7C97337B9B5F, 0x3FEFA4AFA2A490DA, 0x3FEFD0765B6E4540,
    ];

    [RuntimeExport("expf")]
    internal static float Exp(float x)
    {
        double xd = x;
        if (float.IsNaN(x) || !(System.MathF.Abs(x) < 88.0f))
        {
            if (float.IsNegativeInfinity(x))
                return 0.0f;
            if (!float.IsFinite(x))
                return x + x;
            if (x > 88.72283172607422f) // ln 2^128
                return float.PositiveInfinity;
            if (x < -103.97207641601562f) // ln 2^-150
                return 0.0f;
        }
        const double InvLn2Times32 = 46.16624130844683;
        const double Shift = 6755399441055744.0; // 1.5 × 2^52: adding it rounds to an integer in the low bits
        // glibc's FMA build fuses both uses of the product x·32/ln 2.
        double kd = System.Math.FusedMultiplyAdd(InvLn2Times32, xd, Shift);
        ulong ki = (ulong)DoubleBits.Bits(kd);
        kd -= Shift;
        double r = System.Math.FusedMultiplyAdd(InvLn2Times32, xd, -kd);
        ulong t = TwoToTheIOver32[(int)(ki % 32)] + (ki << 47);
        double s = DoubleBits.FromBits((long)t);
        double z = System.Math.FusedMultiplyAdd(1.6938359250920212e-06, r, 0.00023459809789509004);
        double r2 = r * r;
        double y = System.Math.FusedMultiplyAdd(0.021660849396613134, r, 1.0);
        y = System.Math.FusedMultiplyAdd(z, r2, y);
        return (float)(y * s);
    }

    /// <summary>e^x − 1 in float, fdlibm's: reduction by k·ln 2 split in two, a rational correction.</summary>
    internal static float ExpM1(float x)
    {
        const float Ln2High = 0.6931381225585938f, Ln2Low = 9.05800061445916e-06f;
        uint hx = (uint)System.BitConverter.SingleToInt32Bits(x);
        bool negative = (hx & 0x80000000) != 0;
        hx &= 0x7fffffff;
        if (hx >= 0x4195b844) // |x| ≥ 27 ln 2
        {
            if (hx >= 0x42b17218) // |x| ≥ 88.72
            {
                if (hx > 0x7f800000)
                    return x + x;
                if (hx == 0x7f800000)
                    return negative ? -1.0f : x;
                if (x > 88.7216796875f)
                    return float.PositiveInfinity;
            }
            if (negative)
                return -1.0f;
        }
        int k;
        float c = 0;
        if (hx > 0x3eb17218) // |x| > ln 2 / 2
        {
            float hi, lo;
            if (hx < 0x3F851592) // |x| < 1.5 ln 2
            {
                hi = negative ? x + Ln2High : x - Ln2High;
                lo = negative ? -Ln2Low : Ln2Low;
                k = negative ? -1 : 1;
            }
            else
            {
                k = (int)(1.4426950216293335f * x + (negative ? -0.5f : 0.5f));
                float t = k;
                hi = x - t * Ln2High; // exact: k has few bits
                lo = t * Ln2Low;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        else if (hx < 0x33000000) // |x| < 2^-25
            return x;
        else
            k = 0;
        float hfx = 0.5f * x;
        float hxs = x * hfx;
        float r1 = 1.0f + hxs * (-0.03333333507180214f + hxs * (0.0015873016091063619f + hxs * (-7.936507608974352e-05f
            + hxs * (4.00821772927884e-06f + hxs * -2.0109921194944036e-07f))));
        float t3 = 3.0f - r1 * hfx;
        float e = hxs * ((r1 - t3) / (6.0f - x * t3));
        if (k == 0)
            return x - (x * e - hxs);
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1)
            return 0.5f * (x - e) - 0.5f;
        if (k == 1)
            return x < -0.25f ? -2.0f * (e - (x + 0.5f)) : 1.0f + 2.0f * (x - e);
        if (k <= -2 || k > 56)
            return AddToExponent(1.0f - (e - x), k) - 1.0f;
        if (k < 23)
            return AddToExponent(FromBits(0x3f800000 - (0x1000000 >> k)) - (e - x), k); // 1 − 2^-k
        float y = x - (e + FromBits((0x7f - k) << 23)); // 2^-k
        return AddToExponent(y + 1.0f, k);
    }

    private static float FromBits(int bits) => System.BitConverter.Int32BitsToSingle(bits);

    private static float AddToExponent(float y, int k) => FromBits(System.BitConverter.SingleToInt32Bits(y) + (k << 23));
}
