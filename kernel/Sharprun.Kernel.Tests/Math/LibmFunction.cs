namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>
/// A C math function as the kernel exports it and as the host's glibc has it. Arguments and results travel
/// as doubles (a float widens exactly); unused arguments are ignored. Second carries modf's integral part.
/// </summary>
internal sealed record LibmFunction(
    string Symbol,
    int Arity,
    bool IsSingle,
    Func<double, double, double, (double Result, double Second)> Kernel,
    Func<double, double, double, (double Result, double Second)> Host,
    (double Low, double High)[] DenseRanges)
{
    public override string ToString() => Symbol;
}
