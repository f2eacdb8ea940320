// Math and MathF results, double and float %, printed with default ToString and "R": the guest's libm
// must reproduce the host's (glibc) results bit for bit, including where glibc is not correctly rounded
// (cbrt(27) is 3.0000000000000004 there).

double[] specials = { 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 10.0, 100.0, 1e-310, 5e-324, 1e300, -1e300,
    double.MaxValue, double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.NaN };

void Show(string name, Func<double, double> f, IEnumerable<double> inputs)
{
    foreach (double x in inputs)
    {
        double y = f(x);
        Console.WriteLine($"{name}({x:R}) = {y} {y:R}");
    }
}

void ShowSingle(string name, Func<float, float> f, IEnumerable<float> inputs)
{
    foreach (float x in inputs)
    {
        float y = f(x);
        Console.WriteLine($"{name}({x:R}) = {y} {y:R}");
    }
}

IEnumerable<double> Sweep(double from, double to, int count) =>
    Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1) + 1e-3 * Math.Sin(i));

IEnumerable<float> SweepSingle(float from, float to, int count) => Sweep(from, to, count).Select(x => (float)x);

var doubles = new (string Name, Func<double, double> F, double From, double To)[]
{
    ("Exp", Math.Exp, -745, 709), ("Log", Math.Log, 1e-3, 1e6), ("Log2", Math.Log2, 1e-3, 1e6), ("Log10", Math.Log10, 1e-3, 1e6),
    ("Sin", Math.Sin, -50, 50), ("Cos", Math.Cos, -50, 50), ("Tan", Math.Tan, -50, 50),
    ("Asin", Math.Asin, -1, 1), ("Acos", Math.Acos, -1, 1), ("Atan", Math.Atan, -20, 20),
    ("Acosh", Math.Acosh, 1, 1e6), ("Cosh", Math.Cosh, -700, 700),
    ("Cbrt", Math.Cbrt, -1e9, 1e9), ("Sinh", Math.Sinh, -700, 700), ("Tanh", Math.Tanh, -5, 5),
    ("Asinh", Math.Asinh, -1e6, 1e6), ("Atanh", Math.Atanh, -1, 1),
    ("SinhSmall", Math.Sinh, -2, 2), ("CoshSmall", Math.Cosh, -2, 2), ("TanhSmall", Math.Tanh, -1, 1),
    ("AcoshNear1", Math.Acosh, 1, 2), ("ExpSmall", Math.Exp, -1, 1), ("LogNear1", Math.Log, 0.9, 1.1),
};
foreach (var (name, f, from, to) in doubles)
{
    Show(name, f, specials.Concat(new[] { 8.0, 27.0, -64.0, 0.1, 0.3 }));
    Show(name, f, Sweep(from, to, 25));
}
Show("Sin", Math.Sin, new[] { 1e22, 1e300, 3.141592653589793, 1.5707963267948966, 6381956970095103.0 * Math.Pow(2, 797) });
Show("Pow2.5", x => Math.Pow(x, 2.5), Sweep(0, 100, 10));
Show("PowE", x => Math.Pow(Math.E, x), Sweep(-700, 700, 10));
Show("Pow-3", x => Math.Pow(x, -3), Sweep(-9, 9, 9));
Show("Pow10", x => Math.Pow(10, Math.Round(x)), Sweep(-300, 300, 13));
Show("PowSpecial", x => Math.Pow(x, double.PositiveInfinity) + Math.Pow(-x, 3) + Math.Pow(x, 0.5), specials);
Show("Atan2", x => Math.Atan2(x, 0.75), Sweep(-5, 5, 11));
Show("Atan2Special", x => Math.Atan2(x, -x) + Math.Atan2(-0.0, x), specials);
Show("Fma", x => Math.FusedMultiplyAdd(x, x + 1e-9, -x * x), Sweep(-1e3, 1e3, 9));
Show("Rem", x => x % 0.7, Sweep(-1e6, 1e6, 11).Concat(specials));
Show("RemHuge", x => 1e300 % x, Sweep(1, 1e3, 5));
Show("IEEERemainder", x => Math.IEEERemainder(x, 3), Sweep(-50, 50, 7));
Show("Rounding", x => Math.Floor(x) + Math.Ceiling(x) * 3 + Math.Truncate(x) * 5, Sweep(-5, 5, 9).Concat(specials));


float[] singleSpecials = { 0f, -0f, 1f, -1f, 0.5f, 2f, 1e-40f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN };
var singles = new (string Name, Func<float, float> F, float From, float To)[]
{
    ("ExpF", MathF.Exp, -100, 88), ("LogF", MathF.Log, 1e-3f, 1e6f), ("Log2F", MathF.Log2, 1e-3f, 1e6f), ("Log10F", MathF.Log10, 1e-3f, 1e6f),
    ("SinF", MathF.Sin, -50, 50), ("CosF", MathF.Cos, -50, 50), ("AsinF", MathF.Asin, -1, 1), ("AcosF", MathF.Acos, -1, 1),
    ("AtanF", MathF.Atan, -20, 20), ("AcoshF", MathF.Acosh, 1, 1e6f), ("CbrtF", MathF.Cbrt, -1e9f, 1e9f), ("PowF", x => MathF.Pow(x, 1.5f), 0, 100),
    ("TanF", MathF.Tan, -50, 50), ("SinhF", MathF.Sinh, -80, 80), ("CoshF", MathF.Cosh, -80, 80), ("TanhF", MathF.Tanh, -5, 5),
    ("AsinhF", MathF.Asinh, -1e6f, 1e6f), ("AtanhF", MathF.Atanh, -1, 1), ("SinhSmallF", MathF.Sinh, -2, 2), ("TanhSmallF", MathF.Tanh, -1, 1),
    ("Atan2F", x => MathF.Atan2(x, 0.75f), -5, 5), ("PowNegativeF", x => MathF.Pow(-x, 3f), 0, 10), ("SinLargeF", MathF.Sin, 100, 1e6f),
};
foreach (var (name, f, from, to) in singles)
{
    ShowSingle(name, f, singleSpecials);
    ShowSingle(name, f, SweepSingle(from, to, 16));
}
ShowSingle("RemF", x => x % 0.7f, SweepSingle(-1e6f, 1e6f, 11).Concat(singleSpecials));
ShowSingle("FmaF", x => MathF.FusedMultiplyAdd(x, 1.0000001f, -x), SweepSingle(-1e3f, 1e3f, 7));
ShowSingle("RoundingF", x => MathF.Floor(x) + MathF.Ceiling(x) * 3 + MathF.Truncate(x) * 5, SweepSingle(-5, 5, 9));
