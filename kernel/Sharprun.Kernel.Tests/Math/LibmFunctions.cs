using Sharprun.Kernel.Runtime.MathLibrary;
using Sharprun.Libm;

namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>
/// Every C math symbol the kernel exports, paired with the host's, and the ranges where each is sampled
/// densely: where glibc's own rounding is least regular (near 1 for logarithms, small arguments for the
/// hyperbolic functions, near ±1 for the inverse functions) and where it switches methods.
/// </summary>
internal static unsafe class LibmFunctions
{
    private static readonly (double, double)[] Wide = [(-1e6, 1e6), (-4, 4)];

    public static readonly LibmFunction[] All =
    [
        Unary("exp", Exponential.Exp, HostLibm.Exp, (-750, 710), (-1, 1), (-1e-5, 1e-5)),
        UnarySingle("expf", SingleExponential.Exp, HostLibm.ExpF, (-104, 89), (-1, 1), (-1e-5, 1e-5)),
        Unary("log", NaturalLogarithm.Log, HostLibm.Log, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        UnarySingle("logf", SingleLogarithm.Log, HostLibm.LogF, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        Unary("log2", BinaryLogarithm.Log2, HostLibm.Log2, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        UnarySingle("log2f", SingleLogarithm.Log2, HostLibm.Log2F, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        Unary("log10", DecimalLogarithm.Log10, HostLibm.Log10, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        UnarySingle("log10f", SingleLogarithm.Log10, HostLibm.Log10F, (0.5, 2), (1 - 1e-3, 1 + 1e-3), (0, 1e6)),
        Unary("sin", SineCosine.Sin, HostLibm.Sin, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        UnarySingle("sinf", SingleTrigonometric.Sin, HostLibm.SinF, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        Unary("cos", SineCosine.Cos, HostLibm.Cos, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        UnarySingle("cosf", SingleTrigonometric.Cos, HostLibm.CosF, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        Unary("tan", Tangent.Tan, HostLibm.Tan, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        UnarySingle("tanf", SingleTrigonometric.Tan, HostLibm.TanF, (-10, 10), (-1e6, 1e6), (-1e-3, 1e-3)),
        Unary("asin", Arcsine.Asin, HostLibm.Asin, (-1, 1), (0.9, 1), (-1e-3, 1e-3)),
        UnarySingle("asinf", SingleInverseTrigonometric.Asin, HostLibm.AsinF, (-1, 1), (0.9, 1), (-1e-3, 1e-3)),
        Unary("acos", Arcsine.Acos, HostLibm.Acos, (-1, 1), (0.9, 1), (-1e-3, 1e-3)),
        UnarySingle("acosf", SingleInverseTrigonometric.Acos, HostLibm.AcosF, (-1, 1), (0.9, 1), (-1e-3, 1e-3)),
        Unary("atan", Arctangent.Atan, HostLibm.Atan, (-4, 4), (-100, 100), (-1e-3, 1e-3)),
        UnarySingle("atanf", SingleInverseTrigonometric.Atan, HostLibm.AtanF, (-4, 4), (-100, 100), (-1e-3, 1e-3)),
        Unary("sinh", Hyperbolic.Sinh, HostLibm.Sinh, (-2, 2), (-25, 25), (-712, 712)),
        UnarySingle("sinhf", Hyperbolic.SinhSingle, HostLibm.SinhF, (-2, 2), (-25, 25), (-90, 90)),
        Unary("cosh", Hyperbolic.Cosh, HostLibm.Cosh, (-2, 2), (-25, 25), (-712, 712)),
        UnarySingle("coshf", Hyperbolic.CoshSingle, HostLibm.CoshF, (-2, 2), (-25, 25), (-90, 90)),
        Unary("tanh", Hyperbolic.Tanh, HostLibm.Tanh, (-1, 1), (-22, 22), (-1e-3, 1e-3)),
        UnarySingle("tanhf", Hyperbolic.TanhSingle, HostLibm.TanhF, (-1, 1), (-22, 22), (-1e-3, 1e-3)),
        Unary("asinh", Hyperbolic.Asinh, HostLibm.Asinh, (-2, 2), (-1e9, 1e9), (-1e-3, 1e-3)),
        UnarySingle("asinhf", Hyperbolic.AsinhSingle, HostLibm.AsinhF, (-2, 2), (-1e9, 1e9), (-1e-3, 1e-3)),
        Unary("acosh", Hyperbolic.Acosh, HostLibm.Acosh, (1, 2), (1, 1.001), (1, 1e9)),
        UnarySingle("acoshf", Hyperbolic.AcoshSingle, HostLibm.AcoshF, (1, 2), (1, 1.001), (1, 1e9)),
        Unary("atanh", Hyperbolic.Atanh, HostLibm.Atanh, (-1, 1), (0.99, 1), (-1e-3, 1e-3)),
        UnarySingle("atanhf", Hyperbolic.AtanhSingle, HostLibm.AtanhF, (-1, 1), (0.99, 1), (-1e-3, 1e-3)),
        Unary("cbrt", Roots.Cbrt, HostLibm.Cbrt, (-10, 10), (-1e10, 1e10), (-1e-3, 1e-3)),
        UnarySingle("cbrtf", Roots.CbrtSingle, HostLibm.CbrtF, (-10, 10), (-1e10, 1e10), (-1e-3, 1e-3)),
        Unary("sqrt", Roots.Sqrt, HostLibm.Sqrt, (0, 4), (0, 1e6)),
        UnarySingle("sqrtf", Roots.SqrtSingle, HostLibm.SqrtF, (0, 4), (0, 1e6)),
        Unary("floor", Rounding.Floor, HostLibm.Floor, Wide),
        UnarySingle("floorf", Rounding.FloorSingle, HostLibm.FloorF, Wide),
        Unary("ceil", Rounding.Ceiling, HostLibm.Ceil, Wide),
        UnarySingle("ceilf", Rounding.CeilingSingle, HostLibm.CeilF, Wide),
        Unary("trunc", Rounding.Truncate, HostLibm.Trunc, Wide),
        UnarySingle("truncf", Rounding.TruncateSingle, HostLibm.TruncF, Wide),
        new("modf", 1, false, (x, _, _) => Modf(x), (x, _, _) => HostModf(x), Wide),
        new("modff", 1, true, (x, _, _) => ModfSingle((float)x), (x, _, _) => HostModfSingle((float)x), Wide),
        Binary("atan2", Arctangent.Atan2, HostLibm.Atan2, (-10, 10), (-1e-3, 1e-3)),
        BinarySingle("atan2f", SingleInverseTrigonometric.Atan2, HostLibm.Atan2F, (-10, 10), (-1e-3, 1e-3)),
        Binary("pow", Power.Pow, HostLibm.Pow, (0, 10), (-40, 40)),
        BinarySingle("powf", SinglePower.Pow, HostLibm.PowF, (0, 10), (-40, 40)),
        Binary("fmod", Remainder.Fmod, HostLibm.Fmod, (-1e6, 1e6), (-10, 10)),
        BinarySingle("fmodf", Remainder.FmodSingle, HostLibm.FmodF, (-1e6, 1e6), (-10, 10)),
        new("fma", 3, false, (x, y, z) => (FusedMultiplyAdd.Fma(x, y, z), 0), (x, y, z) => (HostLibm.Fma(x, y, z), 0), [(-2, 2)]),
        new("fmaf", 3, true, (x, y, z) => (FusedMultiplyAdd.FmaSingle((float)x, (float)y, (float)z), 0),
            (x, y, z) => (HostLibm.FmaF((float)x, (float)y, (float)z), 0), [(-2, 2)]),
    ];

    private static LibmFunction Unary(string symbol, Func<double, double> kernel, Func<double, double> host, params (double, double)[] ranges) =>
        new(symbol, 1, false, (x, _, _) => (kernel(x), 0), (x, _, _) => (host(x), 0), ranges);

    private static LibmFunction UnarySingle(string symbol, Func<float, float> kernel, Func<float, float> host, params (double, double)[] ranges) =>
        new(symbol, 1, true, (x, _, _) => (kernel((float)x), 0), (x, _, _) => (host((float)x), 0), ranges);

    private static LibmFunction Binary(string symbol, Func<double, double, double> kernel, Func<double, double, double> host, params (double, double)[] ranges) =>
        new(symbol, 2, false, (x, y, _) => (kernel(x, y), 0), (x, y, _) => (host(x, y), 0), ranges);

    private static LibmFunction BinarySingle(string symbol, Func<float, float, float> kernel, Func<float, float, float> host, params (double, double)[] ranges) =>
        new(symbol, 2, true, (x, y, _) => (kernel((float)x, (float)y), 0), (x, y, _) => (host((float)x, (float)y), 0), ranges);

    private static (double, double) Modf(double x)
    {
        double integral;
        double fraction = Rounding.Modf(x, &integral);
        return (fraction, integral);
    }

    private static (double, double) HostModf(double x)
    {
        double integral;
        double fraction = HostLibm.Modf(x, &integral);
        return (fraction, integral);
    }

    private static (double, double) ModfSingle(float x)
    {
        float integral;
        float fraction = Rounding.ModfSingle(x, &integral);
        return (fraction, integral);
    }

    private static (double, double) HostModfSingle(float x)
    {
        float integral;
        float fraction = HostLibm.ModfF(x, &integral);
        return (fraction, integral);
    }
}
