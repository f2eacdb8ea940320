// Not "...Runtime.Math": a namespace of that name would hide System.Math from all Runtime code.
namespace Sharprun.Kernel.Runtime.MathLibrary;

/// <summary>
/// Mathematical constants to double-double (or triple) precision. Properties rather than static fields:
/// the values fold into the code, with no static initialization beneath the runtime.
/// </summary>
internal static class Constants
{
    public static DoubleDouble Ln2 => new(0.6931471805599453, 2.3190468138462996e-17);

    /// <summary>The third part of ln 2, for reductions whose multiplier makes the second part's error visible.</summary>
    public const double Ln2Tail = 5.707708438416212e-34;

    public static DoubleDouble Log2E => new(1.4426950408889634, 2.0355273740931033e-17);

    public static DoubleDouble Log10E => new(0.4342944819032518, 1.098319650216765e-17);

    public static DoubleDouble PiOver2 => new(1.5707963267948966, 6.123233995736766e-17);

    public static DoubleDouble Pi => new(3.141592653589793, 1.2246467991473532e-16);

    public static DoubleDouble PiOver4 => new(0.7853981633974483, 3.061616997868383e-17);
}
