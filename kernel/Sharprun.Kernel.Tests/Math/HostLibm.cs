using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>
/// The host's glibc libm, called directly: System.Math may inline or constant-fold, the C functions are
/// the reference the kernel's libm must reproduce bit for bit. One line per C symbol.
/// </summary>
internal static class HostLibm
{
    public const string Library = "libm.so.6";

    [DllImport(Library, EntryPoint = "sin")] public static extern double Sin(double x);
    [DllImport(Library, EntryPoint = "sinf")] public static extern float SinF(float x);
    [DllImport(Library, EntryPoint = "cos")] public static extern double Cos(double x);
    [DllImport(Library, EntryPoint = "cosf")] public static extern float CosF(float x);
    [DllImport(Library, EntryPoint = "tan")] public static extern double Tan(double x);
    [DllImport(Library, EntryPoint = "tanf")] public static extern float TanF(float x);
    [DllImport(Library, EntryPoint = "asin")] public static extern double Asin(double x);
    [DllImport(Library, EntryPoint = "asinf")] public static extern float AsinF(float x);
    [DllImport(Library, EntryPoint = "acos")] public static extern double Acos(double x);
    [DllImport(Library, EntryPoint = "acosf")] public static extern float AcosF(float x);
    [DllImport(Library, EntryPoint = "atan")] public static extern double Atan(double x);
    [DllImport(Library, EntryPoint = "atanf")] public static extern float AtanF(float x);
    [DllImport(Library, EntryPoint = "sinh")] public static extern double Sinh(double x);
    [DllImport(Library, EntryPoint = "sinhf")] public static extern float SinhF(float x);
    [DllImport(Library, EntryPoint = "cosh")] public static extern double Cosh(double x);
    [DllImport(Library, EntryPoint = "coshf")] public static extern float CoshF(float x);
    [DllImport(Library, EntryPoint = "tanh")] public static extern double Tanh(double x);
    [DllImport(Library, EntryPoint = "tanhf")] public static extern float TanhF(float x);
    [DllImport(Library, EntryPoint = "asinh")] public static extern double Asinh(double x);
    [DllImport(Library, EntryPoint = "asinhf")] public static extern float AsinhF(float x);
    [DllImport(Library, EntryPoint = "acosh")] public static extern double Acosh(double x);
    [DllImport(Library, EntryPoint = "acoshf")] public static extern float AcoshF(float x);
    [DllImport(Library, EntryPoint = "atanh")] public static extern double Atanh(double x);
    [DllImport(Library, EntryPoint = "atanhf")] public static extern float AtanhF(float x);
    [DllImport(Library, EntryPoint = "exp")] public static extern double Exp(double x);
    [DllImport(Library, EntryPoint = "expf")] public static extern float ExpF(float x);
    [DllImport(Library, EntryPoint = "log")] public static extern double Log(double x);
    [DllImport(Library, EntryPoint = "logf")] public static extern float LogF(float x);
    [DllImport(Library, EntryPoint = "log2")] public static extern double Log2(double x);
    [DllImport(Library, EntryPoint = "log2f")] public static extern float Log2F(float x);
    [DllImport(Library, EntryPoint = "log10")] public static extern double Log10(double x);
    [DllImport(Library, EntryPoint = "log10f")] public static extern float Log10F(float x);
    [DllImport(Library, EntryPoint = "cbrt")] public static extern double Cbrt(double x);
    [DllImport(Library, EntryPoint = "cbrtf")] public static extern float CbrtF(float x);
    [DllImport(Library, EntryPoint = "sqrt")] public static extern double Sqrt(double x);
    [DllImport(Library, EntryPoint = "sqrtf")] public static extern float SqrtF(float x);
    [DllImport(Library, EntryPoint = "floor")] public static extern double Floor(double x);
    [DllImport(Library, EntryPoint = "floorf")] public static extern float FloorF(float x);
    [DllImport(Library, EntryPoint = "ceil")] public static extern double Ceil(double x);
    [DllImport(Library, EntryPoint = "ceilf")] public static extern float CeilF(float x);
    [DllImport(Library, EntryPoint = "trunc")] public static extern double Trunc(double x);
    [DllImport(Library, EntryPoint = "truncf")] public static extern float TruncF(float x);
    [DllImport(Library, EntryPoint = "atan2")] public static extern double Atan2(double x, double y);
    [DllImport(Library, EntryPoint = "atan2f")] public static extern float Atan2F(float x, float y);
    [DllImport(Library, EntryPoint = "pow")] public static extern double Pow(double x, double y);
    [DllImport(Library, EntryPoint = "powf")] public static extern float PowF(float x, float y);
    [DllImport(Library, EntryPoint = "fmod")] public static extern double Fmod(double x, double y);
    [DllImport(Library, EntryPoint = "fmodf")] public static extern float FmodF(float x, float y);
    [DllImport(Library, EntryPoint = "fma")] public static extern double Fma(double x, double y, double z);
    [DllImport(Library, EntryPoint = "fmaf")] public static extern float FmaF(float x, float y, float z);
    [DllImport(Library, EntryPoint = "modf")] public static extern unsafe double Modf(double x, double* integral);
    [DllImport(Library, EntryPoint = "modff")] public static extern unsafe float ModfF(float x, float* integral);
}
