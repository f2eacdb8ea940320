using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Sharprun.Kernel.Runtime.MathLibrary;
using Sharprun.Libm;
using Xunit;
using Xunit.Abstractions;

namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>
/// Every C math function the kernel exports returns, bit for bit, what the host's glibc 2.36 returns
/// (NaNs of any payload count as equal): a guest must compute as the same program does on Linux. glibc
/// picks its FMA variants on CPUs with FMA, as this host has; those are the reference.
/// </summary>
public sealed class GlibcEquivalenceTests(ITestOutputHelper output)
{
    private const int ReportedMismatches = 10;

    public static TheoryData<string> Symbols => new(LibmFunctions.All.Select(f => f.Symbol));

    [Theory]
    [MemberData(nameof(Symbols))]
    public void KernelResultsAreGlibcResults(string symbol)
    {
        Assert.True(Fma.IsSupported && Avx2.IsSupported, "the reference is glibc's FMA variant, which needs FMA and AVX2 on the host");
        LibmFunction function = LibmFunctions.All.Single(f => f.Symbol == symbol);
        int compared = 0, mismatches = 0;
        var reported = new List<string>();
        foreach (var (x, y, z) in LibmInputs.For(function))
        {
            compared++;
            var mine = function.Kernel(x, y, z);
            var host = function.Host(x, y, z);
            if (SameBits(mine.Result, host.Result) && SameBits(mine.Second, host.Second))
                continue;
            mismatches++;
            if (reported.Count < ReportedMismatches)
                reported.Add($"{Call(function, x, y, z)} = {mine.Result:R} ({mine.Second:R}), glibc {host.Result:R} ({host.Second:R}), "
                    + $"{(function.IsSingle ? UlpDistance.Between((float)mine.Result, (float)host.Result) : UlpDistance.Between(mine.Result, host.Result))} ulp");
        }
        int expected = KnownMismatches.Of(symbol);
        output.WriteLine($"{symbol}: {mismatches} of {compared} inputs differ from glibc (known: {expected})");
        foreach (string line in reported)
            output.WriteLine(line);
        Assert.True(mismatches == expected,
            $"{symbol}: {mismatches} of {compared} inputs differ from glibc, {expected} known\n" + string.Join("\n", reported));
    }

    /// <summary>The list above is the whole libm: every export of Sharprun.Libm, and the libm functions the kernel keeps itself (trunc, ceil, floor, modf, fmod).</summary>
    [Fact]
    public void EveryExportedMathFunctionIsCompared()
    {
        var compared = LibmFunctions.All.Select(f => f.Symbol).ToHashSet();
        nint libm = NativeLibrary.Load(HostLibm.Library);
        var inKernel = Exports(typeof(Rounding).Assembly).Where(name => NativeLibrary.TryGetExport(libm, name, out _));
        Assert.Equal(Exports(typeof(Exponential).Assembly).Concat(inKernel).Order(), compared.Order());
    }

    [Fact]
    public void KnownMismatchesNameComparedFunctions() =>
        Assert.Empty(KnownMismatches.Symbols.Except(LibmFunctions.All.Select(f => f.Symbol)));

    private static IEnumerable<string> Exports(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .SelectMany(method => method.CustomAttributes)
            .Where(attribute => attribute.AttributeType.FullName == "System.Runtime.RuntimeExportAttribute")
            .Select(attribute => (string)attribute.ConstructorArguments[0].Value!);

    private static bool SameBits(double a, double b) =>
        double.IsNaN(a) ? double.IsNaN(b) : BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static string Call(LibmFunction function, double x, double y, double z) => function.Arity switch
    {
        1 => $"{function.Symbol}({x:R})",
        2 => $"{function.Symbol}({x:R}, {y:R})",
        _ => $"{function.Symbol}({x:R}, {y:R}, {z:R})",
    };
}
