using System.Runtime;

namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// pow and powf: C99 Annex F special cases first, then e^(y ln|x|) with ln|x| to about 2^-100 and the
/// product kept as a double-double, so the exponential sees y ln|x| to far below its last place.
/// </summary>
internal static class Power
{
    [RuntimeExport("pow")]
    internal static double Pow(double x, double y)
    {
        if (y == 0 || x == 1.0)
            return 1.0;
        if (double.IsNaN(x) || double.IsNaN(y))
            return x + y;
        double ax = DoubleBits.Abs(x);
        double ay = DoubleBits.Abs(y);
        IntegerKind kind = Classify(y);
        bool negativeResult = x < 0 || (x == 0 && DoubleBits.IsNegative(x)) ? kind == IntegerKind.Odd : false;
        if (double.IsInfinity(y))
        {
            if (ax == 1.0)
                return 1.0;
            return (ax > 1.0) == (y > 0) ? double.PositiveInfinity : 0.0;
        }
        if (x == 0 || double.IsInfinity(x))
        {
            // 0^y and inf^y are 0 or inf, depending on whether |x| and y lean the same way.
            bool infinite = (x == 0) == (y < 0);
            double magnitude = infinite ? double.PositiveInfinity : 0.0;
            return negativeResult ? -magnitude : magnitude;
        }
        if (x < 0 && kind == IntegerKind.NotInteger)
            return double.NaN;
        if (ax == 1.0)
            return negativeResult ? -1.0 : 1.0; // x = −1 with an integer y
        double result = PositivePower(ax, y, ay);
        return negativeResult ? -result : result;
    }

    [RuntimeExport("powf")]
    internal static float PowSingle(float x, float y) => (float)Pow(x, y);

    /// <summary>x^y for finite x &gt; 0, x ≠ 1, finite y ≠ 0.</summary>
    private static double PositivePower(double x, double y, double ay)
    {
        // |ln x| ≥ 2^-53 when x ≠ 1, so beyond 2^64 the exponent is far outside ±746.
        if (ay > 1.8446744073709552E+19)
            return (x > 1.0) == (y > 0) ? double.PositiveInfinity : 0.0;
        DoubleDouble product = Logarithm.LogDoubleDouble(x) * y;
        if (product.Hi > 709.8)
            return double.PositiveInfinity;
        if (product.Hi < -745.2)
            return 0.0;
        return Exponential.RoundExp(product);
    }

    private enum IntegerKind
    {
        NotInteger,
        Even,
        Odd,
    }

    private static IntegerKind Classify(double y)
    {
        if (double.IsInfinity(y) || Rounding.Truncate(y) != y)
            return double.IsInfinity(y) ? IntegerKind.Even : IntegerKind.NotInteger;
        double ay = DoubleBits.Abs(y);
        if (ay >= 9007199254740992.0) // 2^53 and beyond every double is even
            return IntegerKind.Even;
        return ((long)ay & 1) != 0 ? IntegerKind.Odd : IntegerKind.Even;
    }
}
