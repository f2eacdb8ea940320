using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's log10 (fdlibm's, no FMA variant): x = 2^y·m with m in [1, 2), or [½, 1) below 1, and
/// y·log10(2)_lo + log(m)/ln 10 + y·log10(2)_hi in double on glibc's log. Not correctly rounded.
/// </summary>
internal static class DecimalLogarithm
{
    [RuntimeExport("log10")]
    internal static double Log10(double x)
    {
        long hx = DoubleBits.Bits(x);
        int k = 0;
        if (hx < 0x0010000000000000) // below the normal range, or negative
        {
            if ((hx & 0x7fffffffffffffff) == 0)
                return double.NegativeInfinity;
            if (hx < 0)
                return double.IsNaN(x) ? x + x : double.NaN;
            k -= 54;
            x *= 18014398509481984.0; // subnormal: scale up by 2^54
            hx = DoubleBits.Bits(x);
        }
        if (hx >= 0x7ff0000000000000)
            return x + x;
        k += (int)(hx >> 52) - 1023;
        int belowOne = (int)((uint)k >> 31);
        hx = (hx & 0x000fffffffffffff) | ((long)(0x3ff - belowOne) << 52);
        double y = k + belowOne;
        // log10(2) split so that y times the high part (41 bits) is exact.
        double z = y * 3.69423907715893078616e-13 + 4.34294481903251816668e-01 * NaturalLogarithm.Log(DoubleBits.FromBits(hx));
        return z + y * 3.01029995663611771306e-01;
    }
}
