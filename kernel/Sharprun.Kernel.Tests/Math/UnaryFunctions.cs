using Sharprun.Kernel.Runtime.MathLibrary;
using HostMath = System.Math;

namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>Each one-argument function of the kernel's libm, paired with the host's (glibc) counterpart.</summary>
internal static class UnaryFunctions
{
    public static readonly Dictionary<string, (Func<double, double> Mine, Func<double, double> Host)> Double = new()
    {
        ["exp"] = (Exponential.Exp, HostMath.Exp),
        ["log"] = (Logarithm.Log, HostMath.Log),
        ["log2"] = (Logarithm.Log2, HostMath.Log2),
        ["log10"] = (Logarithm.Log10, HostMath.Log10),
        ["sin"] = (Trigonometric.Sin, HostMath.Sin),
        ["cos"] = (Trigonometric.Cos, HostMath.Cos),
        ["tan"] = (Trigonometric.Tan, HostMath.Tan),
        ["asin"] = (InverseTrigonometric.Asin, HostMath.Asin),
        ["acos"] = (InverseTrigonometric.Acos, HostMath.Acos),
        ["atan"] = (InverseTrigonometric.Atan, HostMath.Atan),
        ["sinh"] = (Hyperbolic.Sinh, HostMath.Sinh),
        ["cosh"] = (Hyperbolic.Cosh, HostMath.Cosh),
        ["tanh"] = (Hyperbolic.Tanh, HostMath.Tanh),
        ["asinh"] = (Hyperbolic.Asinh, HostMath.Asinh),
        ["acosh"] = (Hyperbolic.Acosh, HostMath.Acosh),
        ["atanh"] = (Hyperbolic.Atanh, HostMath.Atanh),
        ["cbrt"] = (Roots.Cbrt, HostMath.Cbrt),
        ["sqrt"] = (Roots.Sqrt, HostMath.Sqrt),
    };

    public static readonly Dictionary<string, (Func<float, float> Mine, Func<float, float> Host)> Single = new()
    {
        ["expf"] = (Exponential.ExpSingle, MathF.Exp),
        ["logf"] = (Logarithm.LogSingle, MathF.Log),
        ["log2f"] = (Logarithm.Log2Single, MathF.Log2),
        ["log10f"] = (Logarithm.Log10Single, MathF.Log10),
        ["sinf"] = (Trigonometric.SinSingle, MathF.Sin),
        ["cosf"] = (Trigonometric.CosSingle, MathF.Cos),
        ["tanf"] = (Trigonometric.TanSingle, MathF.Tan),
        ["asinf"] = (InverseTrigonometric.AsinSingle, MathF.Asin),
        ["acosf"] = (InverseTrigonometric.AcosSingle, MathF.Acos),
        ["atanf"] = (InverseTrigonometric.AtanSingle, MathF.Atan),
        ["sinhf"] = (Hyperbolic.SinhSingle, MathF.Sinh),
        ["coshf"] = (Hyperbolic.CoshSingle, MathF.Cosh),
        ["tanhf"] = (Hyperbolic.TanhSingle, MathF.Tanh),
        ["asinhf"] = (Hyperbolic.AsinhSingle, MathF.Asinh),
        ["acoshf"] = (Hyperbolic.AcoshSingle, MathF.Acosh),
        ["atanhf"] = (Hyperbolic.AtanhSingle, MathF.Atanh),
        ["cbrtf"] = (Roots.CbrtSingle, MathF.Cbrt),
        ["sqrtf"] = (Roots.SqrtSingle, MathF.Sqrt),
        ["floorf"] = (Rounding.FloorSingle, MathF.Floor),
        ["ceilf"] = (Rounding.CeilingSingle, MathF.Ceiling),
        ["truncf"] = (Rounding.TruncateSingle, MathF.Truncate),
    };
}
