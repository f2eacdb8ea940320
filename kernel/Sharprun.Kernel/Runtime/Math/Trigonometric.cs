using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// sin, cos, tan and their float forms: reduction to |r| ≤ π/4 (ArgumentReduction), then Taylor series
/// whose leading terms run in double-double and whose small tail runs in double.
/// </summary>
internal static class Trigonometric
{
    [RuntimeExport("sin")]
    internal static double Sin(double x)
    {
        if (!double.IsFinite(x))
            return x - x; // NaN for ±inf, NaN stays NaN
        if (DoubleBits.Abs(x) < 7.450580596923828E-09) // 2^-27: x³/6 is below half an ulp of x
            return x;
        int quadrant = ArgumentReduction.ReduceByHalfPi(x, out DoubleDouble r);
        DoubleDouble result = (quadrant & 1) == 0 ? SinKernel(r) : CosKernel(r);
        return (quadrant & 2) == 0 ? result.Value : -result.Value;
    }

    [RuntimeExport("sinf")]
    internal static float SinSingle(float x) => (float)Sin(x);

    [RuntimeExport("cos")]
    internal static double Cos(double x)
    {
        if (!double.IsFinite(x))
            return x - x;
        if (DoubleBits.Abs(x) < 7.450580596923828E-09) // 2^-27: x²/2 is below half an ulp of 1
            return 1.0;
        int quadrant = ArgumentReduction.ReduceByHalfPi(x, out DoubleDouble r);
        DoubleDouble result = (quadrant & 1) == 0 ? CosKernel(r) : SinKernel(r);
        return ((quadrant + 1) & 2) == 0 ? result.Value : -result.Value;
    }

    [RuntimeExport("cosf")]
    internal static float CosSingle(float x) => (float)Cos(x);

    [RuntimeExport("tan")]
    internal static double Tan(double x)
    {
        if (!double.IsFinite(x))
            return x - x;
        if (DoubleBits.Abs(x) < 7.450580596923828E-09) // 2^-27: x³/3 is below half an ulp of x
            return x;
        int quadrant = ArgumentReduction.ReduceByHalfPi(x, out DoubleDouble r);
        DoubleDouble sin = SinKernel(r);
        DoubleDouble cos = CosKernel(r);
        return (quadrant & 1) == 0 ? (sin / cos).Value : -(cos / sin).Value;
    }

    [RuntimeExport("tanf")]
    internal static float TanSingle(float x) => (float)Tan(x);

    /// <summary>sin r for |r| ≤ π/4: r + r³·S(r²).</summary>
    private static DoubleDouble SinKernel(DoubleDouble r)
    {
        DoubleDouble z = r * r;
        double zh = z.Hi;
        // Terms from r^11 on weigh below 2^-28 relative to r: double suffices.
        double tail = -2.505210838544172e-08 + zh * (1.6059043836821613e-10 + zh * (-7.647163731819816e-13
            + zh * (2.8114572543455206e-15 + zh * (-8.22063524662433e-18 + zh * (1.9572941063391263e-20
            + zh * (-3.868170170630684e-23 + zh * 6.446950284384474e-26))))));
        DoubleDouble series = new DoubleDouble(-0.16666666666666666, -9.25185853854297e-18)
            + z * (new DoubleDouble(0.008333333333333333, 1.1564823173178714e-19)
                + z * (new DoubleDouble(-0.0001984126984126984, -1.7209558293420705e-22)
                    + z * (new DoubleDouble(2.7557319223985893e-06, -1.858393274046472e-22) + z * tail)));
        return r + r * z * series;
    }

    /// <summary>cos r for |r| ≤ π/4: 1 + r²·C(r²).</summary>
    private static DoubleDouble CosKernel(DoubleDouble r)
    {
        DoubleDouble z = r * r;
        double zh = z.Hi;
        double tail = -2.755731922398589e-07 + zh * (2.08767569878681e-09 + zh * (-1.1470745597729725e-11
            + zh * (4.779477332387385e-14 + zh * (-1.5619206968586225e-16 + zh * (4.110317623312165e-19
            + zh * (-8.896791392450574e-22 + zh * 1.6117375710961184e-24))))));
        DoubleDouble series = new DoubleDouble(-0.5, 0)
            + z * (new DoubleDouble(0.041666666666666664, 2.3129646346357427e-18)
                + z * (new DoubleDouble(-0.001388888888888889, 5.300543954373577e-20)
                    + z * (new DoubleDouble(2.48015873015873e-05, 2.1511947866775882e-23) + z * tail)));
        return z * series + 1.0;
    }
}
