using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's powf (ARM optimized routines) as its FMA variant computes it: x^y = 2^(y·log2 x), log2 x in
/// double from logf's 16-entry table and a quintic, 2^t from expf's 32-entry table and a cubic.
/// </summary>
internal static class SinglePower
{
    /// <summary>Added to the exponent-table index: moves into the sign bit of the scale for a negative result.</summary>
    private const uint SignBias = 1 << 16;

    [RuntimeExport("powf")]
    internal static float Pow(float x, float y)
    {
        uint signBias = 0;
        uint ix = Bits(x), iy = Bits(y);
        if (ix - 0x00800000 >= 0x7f800000 - 0x00800000 || IsZeroInfOrNaN(iy))
        {
            if (IsZeroInfOrNaN(iy))
            {
                if (2 * iy == 0)
                    return IsSignaling(ix) ? x + y : 1.0f;
                if (ix == 0x3f800000)
                    return IsSignaling(iy) ? x + y : 1.0f;
                if (2 * ix > 2u * 0x7f800000 || 2 * iy > 2u * 0x7f800000)
                    return x + y;
                if (2 * ix == 2 * 0x3f800000)
                    return 1.0f;
                if ((2 * ix < 2 * 0x3f800000) == ((iy & 0x80000000) == 0))
                    return 0.0f; // |x| < 1 with y = +inf, or |x| > 1 with y = −inf
                return y * y;
            }
            if (IsZeroInfOrNaN(ix))
            {
                float x2 = x * x;
                if ((ix & 0x80000000) != 0 && IntegerKind(iy) == 1)
                    x2 = -x2;
                return (iy & 0x80000000) != 0 ? 1 / x2 : x2;
            }
            if ((ix & 0x80000000) != 0)
            {
                int kind = IntegerKind(iy);
                if (kind == 0)
                    return float.NaN;
                if (kind == 1)
                    signBias = SignBias;
                ix &= 0x7fffffff;
            }
            if (ix < 0x00800000) // subnormal: normalize
            {
                ix = Bits(x * 8388608.0f) & 0x7fffffff;
                ix -= 23 << 23;
            }
        }
        double ylogx = y * Log2(ix);
        if (((ulong)DoubleBits.Bits(ylogx) >> 47 & 0xffff) >= (ulong)DoubleBits.Bits(126.0) >> 47)
        {
            if (ylogx > 127.99999995700433)
                return signBias != 0 ? float.NegativeInfinity : float.PositiveInfinity;
            if (ylogx <= -150.0)
                return signBias != 0 ? -0.0f : 0.0f;
        }
        return (float)Exp2(ylogx, signBias);
    }

    /// <summary>log2 of the positive normal float with bits ix.</summary>
    private static double Log2(uint ix)
    {
        const uint Offset = 0x3f330000;
        uint tmp = ix - Offset;
        int i = (int)((tmp >> 19) % 16);
        uint top = tmp & 0xff800000;
        int k = (int)top >> 23;
        double invc = SingleLogarithm.InverseAndLog2OfCenters[2 * i];
        double logc = SingleLogarithm.InverseAndLog2OfCenters[2 * i + 1];
        double z = System.BitConverter.Int32BitsToSingle((int)(ix - top));
        double r = System.Math.FusedMultiplyAdd(z, invc, -1.0);
        double y0 = logc + k;
        double r2 = r * r;
        double y = System.Math.FusedMultiplyAdd(0.288457581109214, r, -0.36092606229713164);
        double p = System.Math.FusedMultiplyAdd(0.480898481472577, r, -0.7213474675006291);
        double r4 = r2 * r2;
        double q = System.Math.FusedMultiplyAdd(1.4426950408774342, r, y0);
        q = System.Math.FusedMultiplyAdd(p, r2, q);
        return System.Math.FusedMultiplyAdd(y, r4, q);
    }

    /// <summary>2^xd for xd in [−150, 128], negated when signBias is set.</summary>
    private static double Exp2(double xd, uint signBias)
    {
        double kd = xd + 211106232532992.0; // 1.5 × 2^52 / 32: rounds to a multiple of 1/32
        ulong ki = (ulong)DoubleBits.Bits(kd);
        kd -= 211106232532992.0;
        double r = xd - kd;
        ulong t = SingleExponential.TwoToTheIOver32[(int)(ki % 32)];
        ulong ski = ki + signBias;
        t += ski << 47;
        double s = DoubleBits.FromBits((long)t);
        double z = System.Math.FusedMultiplyAdd(0.05550361559341535, r, 0.2402284522445722);
        double r2 = r * r;
        double y = System.Math.FusedMultiplyAdd(0.6931471806916203, r, 1.0);
        y = System.Math.FusedMultiplyAdd(z, r2, y);
        return y * s;
    }

    /// <summary>0 when the float with bits iy is not an integer, 1 when it is an odd one, 2 when even.</summary>
    private static int IntegerKind(uint iy)
    {
        int e = (int)(iy >> 23 & 0xff);
        if (e < 0x7f)
            return 0;
        if (e > 0x7f + 23)
            return 2;
        if ((iy & ((1u << (0x7f + 23 - e)) - 1)) != 0)
            return 0;
        return (iy & (1u << (0x7f + 23 - e))) != 0 ? 1 : 2;
    }

    private static bool IsZeroInfOrNaN(uint ix) => 2 * ix - 1 >= 2u * 0x7f800000 - 1;

    private static bool IsSignaling(uint ix) => (ix & 0x7fc00000) == 0x7f800000 && (ix & 0x003fffff) != 0;

    private static uint Bits(float x) => (uint)System.BitConverter.SingleToInt32Bits(x);
}
