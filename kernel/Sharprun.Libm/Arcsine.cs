using System.Runtime;

using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's asin and acos (IBM Accurate Mathematical Library, without the slow paths since 2.35) as its FMA
/// variant computes them: an odd series below 0.125, Taylor expansions around table points up to 0.96875
/// (ArcsineTable), and near 1 the identity asin x = π/2 − 2 asin √((1 − x)/2) with its own square root.
/// Not correctly rounded, so reproduced operation by operation.
/// </summary>
internal static class Arcsine
{
    private const double HalfPi = 1.5707963267948966;
    private const double HalfPiLow = 6.123233995736766e-17;

    [RuntimeExport("asin")]
    internal static double Asin(double x)
    {
        int m = HighWord(x);
        int k = m & 0x7fffffff;
        if (k < 0x3e500000)
            return x;
        if (k < 0x3fc00000) // |x| < 0.125
        {
            double x2 = x * x;
            return System.Math.FusedMultiplyAdd(Series(x2), x2 * x, x);
        }
        if (k < 0x3fef0000) // |x| < 0.96875
        {
            int n = TableIndex(k, out int degree);
            double t = Expansion(m > 0 ? x : -x, n, degree);
            double res = Entry(n + degree + 3) + t;
            return m > 0 ? res : -res;
        }
        if (k < 0x3ff00000)
        {
            double z = 0.5 * (m > 0 ? 1.0 - x : 1.0 + x);
            double c = RootOf(z, out double t);
            double y = (c + 16777216.0) - 16777216.0; // √z to 26 bits, so that y² is exact
            double cc = System.Math.FusedMultiplyAdd(-y, y, z) / (t + y);
            double p = Series(z) * z;
            double cor = System.Math.FusedMultiplyAdd(-(2.0 * (y + cc)), p, System.Math.FusedMultiplyAdd(-2.0, cc, HalfPiLow));
            double res = System.Math.FusedMultiplyAdd(-2.0, y, HalfPi) + cor;
            return m > 0 ? res : -res;
        }
        if (k == 0x3ff00000 && (int)DoubleBits.Bits(x) == 0)
            return m > 0 ? HalfPi : -HalfPi;
        return double.IsNaN(x) ? x + x : double.NaN;
    }

    [RuntimeExport("acos")]
    internal static double Acos(double x)
    {
        int m = HighWord(x);
        int k = m & 0x7fffffff;
        if (k < 0x3c880000)
            return HalfPi;
        if (k < 0x3fc00000)
        {
            double x2 = x * x;
            double r = HalfPi - x;
            double cor = System.Math.FusedMultiplyAdd(-Series(x2), x2 * x, ((HalfPi - r) - x) + HalfPiLow);
            return r + cor;
        }
        if (k < 0x3fef0000)
        {
            int n = TableIndex(k, out int degree);
            double t = Expansion(m > 0 ? x : -x, n, degree);
            double asinHigh = Entry(n + degree + 3);
            double y = m > 0 ? HalfPi - asinHigh : HalfPi + asinHigh;
            t = m > 0 ? HalfPiLow - t : HalfPiLow + t;
            return y + t;
        }
        if (k < 0x3ff00000)
        {
            double z = 0.5 * (m > 0 ? 1.0 - x : 1.0 + x);
            double c = RootOf(z, out double t);
            double y = System.Math.FusedMultiplyAdd(-134217728.0, c, System.Math.FusedMultiplyAdd(134217728.0, c, c)); // √z to 26 bits, so that y² is exact
            double cc = System.Math.FusedMultiplyAdd(-y, y, z) / (t + y);
            double p = Series(z) * z;
            if (m < 0)
            {
                double cor = System.Math.FusedMultiplyAdd(-(y + cc), p, HalfPiLow - cc);
                double res = (HalfPi - y) + cor;
                return res + res;
            }
            double sum = y + (cc + p * (y + cc)); // unfused here: measured against glibc
            return sum + sum;
        }
        if (k == 0x3ff00000 && (int)DoubleBits.Bits(x) == 0)
            return m > 0 ? 0 : 2.0 * HalfPi;
        return double.IsNaN(x) ? x + x : double.NaN;
    }

    /// <summary>√z ≈ c for 0 &lt; z ≤ 1/64, from a table guess, a cubic correction and a Newton step; t ≈ 1/√z.</summary>
    private static double RootOf(double z, out double t)
    {
        int k = HighWord(z);
        t = ArcsineTable.InverseRoots[(k & 0x001fffff) >> 14] * DoubleBits.PowerOfTwo(511 - (k >> 21));
        double r = System.Math.FusedMultiplyAdd(-(t * t), z, 1.0);
        t *= System.Math.FusedMultiplyAdd(r, System.Math.FusedMultiplyAdd(r, System.Math.FusedMultiplyAdd(r, 0.31252362655451865, 0.3750175008673452), 0.4999999994959554), 0.9999999998599908);
        double c = t * z;
        t = c * System.Math.FusedMultiplyAdd(-(0.5 * t), c, 1.5);
        return c;
    }

    /// <summary>Where the interval of |x| starts in the table, and how many Taylor coefficients it has beyond the linear one.</summary>
    private static int TableIndex(int k, out int degree)
    {
        if (k < 0x3fe00000)
        {
            degree = 5;
            return k < 0x3fd00000 ? 11 * ((k & 0x000fffff) >> 15) : 11 * ((k & 0x000fffff) >> 14) + 352;
        }
        if (k < 0x3fe80000)
        {
            degree = 6;
            return 1056 + ((k & 0x000fe000) >> 11) * 3;
        }
        if (k < 0x3fed8000)
        {
            degree = 7;
            return 992 + ((k & 0x000fe000) >> 13) * 13;
        }
        if (k < 0x3fee8000)
        {
            degree = 8;
            return 884 + ((k & 0x000fe000) >> 13) * 14;
        }
        degree = 9;
        return 768 + ((k & 0x000fe000) >> 13) * 15;
    }

    /// <summary>asin(a) − asin(x0) − low part: a1·xx + xx²·(a2 + xx(…)) + a_low, xx = a − x0, as glibc fuses it.</summary>
    private static double Expansion(double a, int n, int degree)
    {
        double xx = a - Entry(n);
        double q = Entry(n + degree + 1);
        for (int j = n + degree; j >= n + 2; j--)
            q = System.Math.FusedMultiplyAdd(xx, q, Entry(j));
        double p = System.Math.FusedMultiplyAdd(xx * xx, q, Entry(n + degree + 2));
        return System.Math.FusedMultiplyAdd(Entry(n + 1), xx, p);
    }

    /// <summary>f1 + z(f2 + z(f3 + z(f4 + z(f5 + z·f6)))), the odd series of asin.</summary>
    private static double Series(double z) =>
        System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(System.Math.FusedMultiplyAdd(0.018138290340456505, z, 0.022355121102652562), z, 0.03038212685821193), z, 0.044642856142105974), z, 0.07500000000261227), z, 0.1666666666666641);

    private static double Entry(int index) => DoubleBits.FromBits((long)ArcsineTable.Entries[index]);

    private static int HighWord(double x) => (int)(DoubleBits.Bits(x) >> 32);
}
