using Sharprun.Kernel.Runtime.MathLibrary;

namespace Sharprun.Libm;

/// <summary>
/// glibc's __branred (no FMA variant), the reduction sin and cos use from 105414350 on: x is split in two
/// 26-bit halves, each multiplied by six 24-bit digits of 2/π chosen by its exponent; the integer parts
/// are dropped modulo 4 and the fractions summed in double-double, then scaled back by π/2.
/// </summary>
internal static class LargeArgumentReduction
{
    /// <summary>2/π in base 2^24, one digit per entry.</summary>
    private static ReadOnlySpan<double> TwoOverPiDigits =>
    [
        10680707.0, 7228996.0, 1387004.0, 2578385.0, 16069853.0, 12639074.0, 9804092.0, 4427841.0,
        16666979.0, 11263675.0, 12935607.0, 2387514.0, 4345298.0, 14681673.0, 3074569.0, 13734428.0,
        16653803.0, 1880361.0, 10960616.0, 8533493.0, 3062596.0, 8710556.0, 7349940.0, 6258241.0,
        3772886.0, 3769171.0, 3798172.0, 8675211.0, 12450088.0, 3874808.0, 9961438.0, 366607.0,
        15675153.0, 9132554.0, 7151469.0, 3571407.0, 2607881.0, 12013382.0, 4155038.0, 6285869.0,
        7677882.0, 13102053.0, 15825725.0, 473591.0, 9065106.0, 15363067.0, 6271263.0, 9264392.0,
        5636912.0, 4652155.0, 7056368.0, 13614112.0, 10155062.0, 1944035.0, 9527646.0, 15080200.0,
        6658437.0, 6231200.0, 6832269.0, 16767104.0, 5075751.0, 3212806.0, 1398474.0, 7579849.0,
        6349435.0, 12618859.0, 4703257.0, 12806093.0, 14477321.0, 2786137.0, 12875403.0, 9837734.0,
        14528324.0, 13719321.0, 343717.0,
    ];

    private const double Split = 134217729.0; // 2^27 + 1: Dekker's splitting constant
    private const double Big = 6755399441055744.0; // 1.5 × 2^52
    private const double Big1 = 27021597764222976.0; // 1.5 × 2^54

    /// <summary>The quadrant (mod 4) and x − n·π/2 = a + aa for finite |x| ≥ 105414350.</summary>
    public static int ReduceByHalfPi(double x, out double a, out double aa)
    {
        x *= 2.409919865102884e-181; // 2^-600
        double t = x * Split;
        double x1 = t - (t - x);
        double x2 = x - x1;
        double sum1 = HalfProduct(x1, out double b1, out double bb1);
        double sum2 = HalfProduct(x2, out double b2, out double bb2);
        double sum = sum1 + sum2;
        double b = b1 + b2;
        double bb = DoubleBits.Abs(b1) > DoubleBits.Abs(b2) ? (b1 - b) + b2 : (b2 - b) + b1;
        if (b > 0.5)
        {
            b -= 1.0;
            sum += 1.0;
        }
        else if (b < -0.5)
        {
            b += 1.0;
            sum -= 1.0;
        }
        double s = b + (bb + bb1 + bb2);
        t = ((b - s) + bb) + (bb1 + bb2);
        b = s * Split;
        double t1 = b - (b - s);
        double t2 = s - t1;
        const double HalfPi = 1.5707963267948966, HalfPiLow = 6.123233995736766e-17;
        const double HalfPiHigh = 1.5707963407039642, HalfPiMiddle = -1.3909067675399456e-08;
        b = s * HalfPi;
        bb = (((t1 * HalfPiHigh - b) + t1 * HalfPiMiddle) + t2 * HalfPiHigh) + (t2 * HalfPiMiddle + s * HalfPiLow + t * HalfPi);
        s = b + bb;
        a = s;
        aa = (b - s) + bb;
        return (int)sum & 3;
    }

    /// <summary>half·(2/π) modulo 4 for one 26-bit half: the integer part returned, the fraction as b + bb.</summary>
    private static double HalfProduct(double half, out double b, out double bb)
    {
        int k = (int)((DoubleBits.Bits(half) >> 52) & 2047);
        k = (k - 450) / 24;
        if (k < 0)
            k = 0;
        double gor = DoubleBits.FromBits(DoubleBits.Bits(2.4733040147310453e+173) - ((long)(k * 24) << 52)); // 2^576 / 2^(24k)
        const double Step = 5.960464477539063e-08; // 2^-24
        double r0 = half * TwoOverPiDigits[k] * gor;
        double r1 = half * TwoOverPiDigits[k + 1] * (gor *= Step);
        double r2 = half * TwoOverPiDigits[k + 2] * (gor *= Step);
        double r3 = half * TwoOverPiDigits[k + 3] * (gor *= Step);
        double r4 = half * TwoOverPiDigits[k + 4] * (gor *= Step);
        double r5 = half * TwoOverPiDigits[k + 5] * (gor *= Step);
        // The integer parts of the three leading products, dropped modulo 4 by the caller.
        double sum = WholePart(ref r0) + WholePart(ref r1) + WholePart(ref r2);
        double t = 0 + r5 + r4 + r3 + r2 + r1 + r0;
        bb = (((((r0 - t) + r1) + r2) + r3) + r4) + r5;
        double s = (t + Big) - Big;
        sum += s;
        t -= s;
        b = t + bb;
        bb = (t - b) + bb;
        s = (sum + Big1) - Big1;
        return sum - s;
    }

    /// <summary>r rounded to an integer, which is returned; r keeps the fraction.</summary>
    private static double WholePart(ref double r)
    {
        double whole = (r + Big) - Big;
        r -= whole;
        return whole;
    }
}
