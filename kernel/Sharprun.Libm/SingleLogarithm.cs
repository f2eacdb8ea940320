using System.Runtime;

namespace Sharprun.Libm;

/// <summary>
/// glibc's logf, log2f, log10f and log1pf (log1pf is what the float inverse hyperbolic functions build on). logf is
/// the ARM optimized-routines algorithm (in double: x = 2^k·z, log z = log c + log1p(z/c − 1) with c from a
/// 16-entry table and a cubic), as glibc's FMA variant computes it; log1pf is fdlibm's, entirely in float.
/// </summary>
internal static class SingleLogarithm
{
    /// <summary>Pairs 1/c, log c for the 16 subintervals of [0x3f330000, 2·0x3f330000) as floats.</summary>
    private static ReadOnlySpan<double> InverseAndLogOfCenters =>
    [
        1.398907162146528, -0.33569133332882284,
        1.3403141896637998, -0.2929040563774074,
        1.286432210124115, -0.2518726580937369,
        1.2367150214269895, -0.21245868807117255,
        1.1906977166711752, -0.17453945183745634,
        1.1479821020556429, -0.1380057072319758,
        1.1082251448272158, -0.10275976698545139,
        1.0711297413057381, -0.06871392447020525,
        1.036437278977283, -0.0357891387398228,
        1.0, 0.0,
        0.9492859795739057, 0.05204517742929496,
        0.8951049428609004, 0.11081431298787942,
        0.8476821620351103, 0.1652495223695143,
        0.8050314851692001, 0.21687389031699977,
        0.7664671008843108, 0.2659635028121397,
        0.731428603316328, 0.3127556664073557,
    ];

    /// <summary>Pairs 1/c, log2 c for the same subintervals, for log2f and powf.</summary>
    internal static ReadOnlySpan<double> InverseAndLog2OfCenters =>
    [
        1.398907162146528, -0.48430022186289673,
        1.3403141896637998, -0.42257122959194704,
        1.286432210124115, -0.3633754347673556,
        1.2367150214269895, -0.30651309567405577,
        1.1906977166711752, -0.25180720160537634,
        1.1479821020556429, -0.19910014943794563,
        1.1082251448272158, -0.14825100623281615,
        1.0711297413057381, -0.09913323807318392,
        1.036437278977283, -0.051632812977629436,
        1.0, 0.0,
        0.9492859795739057, 0.07508531937943004,
        0.8951049428609004, 0.15987125980713107,
        0.8476821620351103, 0.2384046664317681,
        0.8050314851692001, 0.31288288605863257,
        0.7664671008843108, 0.38370422656453185,
        0.731428603316328, 0.451211048935815,
    ];

    [RuntimeExport("logf")]
    internal static float Log(float x)
    {
        uint ix = (uint)System.BitConverter.SingleToInt32Bits(x);
        if (!Reduce(x, out float special, out int i, out int k, out double z))
            return special;
        double invc = InverseAndLogOfCenters[2 * i];
        double logc = InverseAndLogOfCenters[2 * i + 1];
        double r = System.Math.FusedMultiplyAdd(z, invc, -1.0);
        double y0 = System.Math.FusedMultiplyAdd(k, 0.6931471805599453, logc);
        double r2 = r * r;
        double y = System.Math.FusedMultiplyAdd(0.333456765744066, r, -0.4999997485802103);
        y = System.Math.FusedMultiplyAdd(-0.25089342214237154, r2, y);
        y = System.Math.FusedMultiplyAdd(y, r2, y0 + r);
        return (float)y;
    }

    /// <summary>glibc's log2f, the same reduction as logf with a table and cubic for log2.</summary>
    [RuntimeExport("log2f")]
    internal static float Log2(float x)
    {
        if (!Reduce(x, out float special, out int i, out int k, out double z))
            return special;
        double invc = InverseAndLog2OfCenters[2 * i];
        double logc = InverseAndLog2OfCenters[2 * i + 1];
        double r = System.Math.FusedMultiplyAdd(z, invc, -1.0);
        double y0 = logc + k;
        double r2 = r * r;
        double y = System.Math.FusedMultiplyAdd(0.4811247078767291, r, -0.7213476299867769);
        double p = System.Math.FusedMultiplyAdd(1.4426950186867042, r, y0);
        y = System.Math.FusedMultiplyAdd(-0.36051725506874704, r2, y);
        return (float)System.Math.FusedMultiplyAdd(y, r2, p);
    }

    /// <summary>
    /// x = 2^k·z with z in [0x3f330000, twice that) as a float pattern, i its 16th of that range; false with
    /// the result for 1, zero, negative and non-finite arguments.
    /// </summary>
    private static bool Reduce(float x, out float special, out int i, out int k, out double z)
    {
        special = 0;
        i = k = 0;
        z = 0;
        uint ix = (uint)System.BitConverter.SingleToInt32Bits(x);
        if (ix == 0x3f800000)
            return false;
        if (ix - 0x00800000 >= 0x7f800000 - 0x00800000) // below the normal range, inf or NaN
        {
            if (ix * 2 == 0)
            {
                special = float.NegativeInfinity;
                return false;
            }
            if (ix == 0x7f800000 || (ix & 0x80000000) != 0 || ix * 2 >= 0xff000000)
            {
                special = ix == 0x7f800000 ? x : float.IsNaN(x) ? x + x : float.NaN;
                return false;
            }
            ix = (uint)System.BitConverter.SingleToInt32Bits(x * 8388608.0f) - (23u << 23); // subnormal: normalize
        }
        const uint Offset = 0x3f330000;
        uint tmp = ix - Offset;
        i = (int)((tmp >> 19) % 16);
        k = (int)tmp >> 23;
        z = System.BitConverter.Int32BitsToSingle((int)(ix - (tmp & 0xff800000)));
        return true;
    }

    /// <summary>glibc's log10f (fdlibm's): x = 2^y·m, y·log10(2) in two parts around log10(e)·logf(m).</summary>
    [RuntimeExport("log10f")]
    internal static float Log10(float x)
    {
        int hx = System.BitConverter.SingleToInt32Bits(x);
        int k = 0;
        if (hx < 0x00800000) // below the normal range, or negative
        {
            if ((hx & 0x7fffffff) == 0)
                return float.NegativeInfinity;
            if (hx < 0)
                return float.IsNaN(x) ? x + x : float.NaN;
            k -= 25;
            x *= 33554432.0f; // subnormal: scale up by 2^25
            hx = System.BitConverter.SingleToInt32Bits(x);
        }
        if (hx >= 0x7f800000)
            return x + x;
        k += (hx >> 23) - 127;
        int belowOne = (int)(((uint)k & 0x80000000) >> 31);
        hx = (hx & 0x007fffff) | ((0x7f - belowOne) << 23);
        float y = k + belowOne;
        x = System.BitConverter.Int32BitsToSingle(hx);
        float z = y * 7.9034151668e-07f + 4.3429449201e-01f * Log(x);
        return z + y * 3.0102920532e-01f;
    }

    /// <summary>ln(1 + x) in float, fdlibm's: 1 + x = 2^k(1 + f) with a correction term, then log(1 + f) by s = f/(2 + f).</summary>
    internal static float Log1P(float x)
    {
        const float Ln2High = 0.6931381225585938f, Ln2Low = 9.05800061445916e-06f;
        int hx = System.BitConverter.SingleToInt32Bits(x);
        int ax = hx & 0x7fffffff;
        int k = 1, hu = 0;
        float f = 0, c = 0;
        if (hx < 0x3ed413d7) // x < 0.41422
        {
            if (ax >= 0x3f800000) // x ≤ −1
                return x == -1.0f ? float.NegativeInfinity : float.NaN;
            if (ax < 0x31000000) // |x| < 2^-29
                return ax < 0x24800000 ? x : x - x * x * 0.5f;
            if (hx > 0 || hx <= unchecked((int)0xbe95f61f)) // −0.2929 < x < 0.41422
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7f800000)
            return x + x;
        if (k != 0)
        {
            float u;
            if (hx < 0x5a000000)
            {
                u = 1.0f + x;
                hu = System.BitConverter.SingleToInt32Bits(u);
                k = (hu >> 23) - 127;
                c = k > 0 ? 1.0f - (u - x) : x - (u - 1.0f); // what rounding 1 + x lost
                c /= u;
            }
            else
            {
                u = x;
                hu = System.BitConverter.SingleToInt32Bits(u);
                k = (hu >> 23) - 127;
                c = 0;
            }
            hu &= 0x007fffff;
            if (hu < 0x3504f7)
                u = System.BitConverter.Int32BitsToSingle(hu | 0x3f800000);
            else
            {
                k += 1;
                u = System.BitConverter.Int32BitsToSingle(hu | 0x3f000000);
                hu = (0x00800000 - hu) >> 2;
            }
            f = u - 1.0f;
        }
        float hfsq = 0.5f * f * f;
        if (hu == 0) // |f| < 2^-20
        {
            if (f == 0)
            {
                if (k == 0)
                    return 0;
                c += k * Ln2Low;
                return k * Ln2High + c;
            }
            float rough = hfsq * (1.0f - 0.6666667f * f);
            return k == 0 ? f - rough : k * Ln2High - ((rough - (k * Ln2Low + c)) - f);
        }
        float s = f / (2.0f + f);
        float z = s * s;
        float series = z * (0.6666666865348816f + z * (0.4000000059604645f + z * (0.2857142984867096f + z * (0.2222219854593277f + z * (0.18183572590351105f + z * (0.15313838422298431f + z * 0.14798198640346527f))))));
        if (k == 0)
            return f - (hfsq - s * (hfsq + series));
        return k * Ln2High - ((hfsq - (s * (hfsq + series) + (k * Ln2Low + c))) - f);
    }
}
