namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// An unevaluated sum Hi + Lo with |Lo| ≤ ulp(Hi)/2: about 106 significant bits, built only from
/// correctly rounded double operations. No fused multiply-add: the guest's CPU baseline may lack it,
/// and the software fma is far slower than Dekker's exact product. Callers keep operands well inside
/// the exponent range (|x| &lt; 2^990), where the exact-product split cannot overflow.
/// </summary>
internal readonly struct DoubleDouble
{
    public readonly double Hi;
    public readonly double Lo;

    public DoubleDouble(double hi, double lo)
    {
        Hi = hi;
        Lo = lo;
    }

    public static implicit operator DoubleDouble(double x) => new(x, 0);

    /// <summary>Hi + Lo rounded once to double.</summary>
    public double Value => Hi + Lo;

    /// <summary>a + b exactly (Knuth), for any magnitudes.</summary>
    public static DoubleDouble TwoSum(double a, double b)
    {
        double sum = a + b;
        double bPart = sum - a;
        double error = (a - (sum - bPart)) + (b - bPart);
        return new(sum, error);
    }

    /// <summary>a + b exactly when |a| ≥ |b| (or a is zero).</summary>
    public static DoubleDouble FastTwoSum(double a, double b)
    {
        double sum = a + b;
        return new(sum, b - (sum - a));
    }

    /// <summary>a × b exactly (Dekker), splitting each factor into two 26-bit halves.</summary>
    public static DoubleDouble TwoProduct(double a, double b)
    {
        double product = a * b;
        Split(a, out double aHigh, out double aLow);
        Split(b, out double bHigh, out double bLow);
        double error = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
        return new(product, error);
    }

    private static void Split(double a, out double high, out double low)
    {
        const double Splitter = 134217729.0; // 2^27 + 1
        double t = Splitter * a;
        high = t - (t - a);
        low = a - high;
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble high = TwoSum(a.Hi, b.Hi);
        DoubleDouble low = TwoSum(a.Lo, b.Lo);
        DoubleDouble partial = FastTwoSum(high.Hi, high.Lo + low.Hi);
        return FastTwoSum(partial.Hi, partial.Lo + low.Lo);
    }

    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        DoubleDouble high = TwoSum(a.Hi, b);
        return FastTwoSum(high.Hi, high.Lo + a.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    public static DoubleDouble operator -(DoubleDouble a, double b) => a + -b;

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble product = TwoProduct(a.Hi, b.Hi);
        return FastTwoSum(product.Hi, product.Lo + (a.Hi * b.Lo + a.Lo * b.Hi));
    }

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        DoubleDouble product = TwoProduct(a.Hi, b);
        return FastTwoSum(product.Hi, product.Lo + a.Lo * b);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        // Three quotient digits by long division: the remainders are computed exactly enough that the
        // last digit only refines the rounding.
        double q1 = a.Hi / b.Hi;
        DoubleDouble remainder = a - b * q1;
        double q2 = remainder.Hi / b.Hi;
        remainder -= b * q2;
        double q3 = remainder.Hi / b.Hi;
        return FastTwoSum(q1, q2) + q3;
    }

    /// <summary>2^n × a, exact while the result stays normal.</summary>
    public DoubleDouble Scale(double powerOfTwo) => new(Hi * powerOfTwo, Lo * powerOfTwo);

    /// <summary>√a for a &gt; 0: one Newton correction of the hardware square root.</summary>
    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        double root = System.Math.Sqrt(a.Hi);
        DoubleDouble residual = a - TwoProduct(root, root);
        return FastTwoSum(root, residual.Hi / (2 * root));
    }
}
