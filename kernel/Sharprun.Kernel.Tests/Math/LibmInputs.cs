namespace Sharprun.Kernel.Tests.MathLibrary;

/// <summary>
/// The arguments each function is compared on, the same in every run (fixed seeds): special values and
/// their neighbours, integers, halfway points and powers of two, random bit patterns over the whole
/// range, and dense uniform samples in the function's own ranges.
/// </summary>
internal static class LibmInputs
{
    private const int RandomBitPatterns = 80_000;
    private const int PerDenseRange = 40_000;
    private const int RandomPairs = 60_000;

    /// <summary>Zeros, infinities, NaN, range limits and the thresholds where glibc's functions change method.</summary>
    private static readonly double[] Specials =
    [
        0.0, double.Epsilon, 1e-310, 2.2250738585072014E-308, 1e-300, 1e-20, 5.551115123125783E-17, 2.7755575615628914E-17,
        3.725290298461914E-09, 7.450580596923828E-09, 1.4901161193847656E-08, 1e-5, 0.125, 0.25, 0.3465735902799726,
        0.5, 0.6931471805599453, 0.7853981633974483, 1.0, 1.0000000000000002, 0.9999999999999999, 1.5707963267948966,
        2.0, 2.356194490192345, 3.141592653589793, 4.0, 8.0, 9.0, 10.0, 22.0, 27.0, 64.0, 88.72283935546875,
        89.41598510742188, 103.97207641601562, 104.0, 512.0, 709.782712893384, 709.79, 710.0, 745.1332191019411,
        745.1332191019412, 746.0, 1024.0, 1e15, 268435456.0, 9007199254740992.0, 1e22, 1.8446744073709552E+19,
        1e300, System.Math.ScaleB(6381956970095103.0, 797), float.MaxValue, float.Epsilon, 1.17549435E-38f,
        double.MaxValue, double.PositiveInfinity, double.NaN,
    ];

    public static IEnumerable<(double X, double Y, double Z)> For(LibmFunction function)
    {
        var random = new Random(StableHash(function.Symbol));
        IEnumerable<double> singles = Unary(function, random);
        return function.Arity switch
        {
            1 => singles.Select(x => (x, 0.0, 0.0)),
            2 => Pairs(function, random),
            _ => Triples(function, random),
        };
    }

    private static IEnumerable<double> Unary(LibmFunction function, Random random)
    {
        foreach (double special in Specials)
            foreach (double value in new[] { special, -special })
            {
                yield return Narrow(function, value);
                yield return Narrow(function, System.Math.BitIncrement(value));
                yield return Narrow(function, System.Math.BitDecrement(value));
            }
        for (int k = -1000; k <= 1000; k++)
            yield return k;
        for (int k = -200; k < 200; k++)
            yield return k + 0.5;
        for (int k = -1074; k <= 1023; k++)
        {
            yield return Narrow(function, System.Math.ScaleB(1.0, k));
            yield return Narrow(function, -System.Math.ScaleB(1.0, k));
        }
        for (int i = 0; i < RandomBitPatterns; i++)
            yield return RandomBits(function, random);
        foreach (var (low, high) in function.DenseRanges)
            for (int i = 0; i < PerDenseRange; i++)
                yield return Narrow(function, low + (high - low) * random.NextDouble());
    }

    private static IEnumerable<(double, double, double)> Pairs(LibmFunction function, Random random)
    {
        double[] specials = Unary(function, new Random(1)).Take(6 * Specials.Length).Where((_, i) => i % 3 == 0).ToArray();
        foreach (double x in specials)
            foreach (double y in specials)
                yield return (x, y, 0);
        for (int i = 0; i < RandomPairs; i++)
            yield return (RandomBits(function, random), RandomBits(function, random), 0);
        for (int i = 0; i < RandomPairs; i++)
            yield return (SignedMagnitude(function, random), SignedMagnitude(function, random), 0);
        var (xLow, xHigh) = function.DenseRanges[0];
        var (yLow, yHigh) = function.DenseRanges[1];
        for (int i = 0; i < RandomPairs; i++)
            yield return (Narrow(function, xLow + (xHigh - xLow) * random.NextDouble()), Narrow(function, yLow + (yHigh - yLow) * random.NextDouble()), 0);
        // Negative bases with integral exponents, and bases next to 1 with large exponents: pow's hard cases.
        for (int i = 0; i < RandomPairs / 3; i++)
            yield return (Narrow(function, -10 * random.NextDouble()), random.Next(-40, 40), 0);
        for (int i = 0; i < RandomPairs / 3; i++)
            yield return (Narrow(function, 1 + (random.NextDouble() - 0.5) * 1e-6), Narrow(function, (random.NextDouble() - 0.5) * 1e9), 0);
    }

    private static IEnumerable<(double, double, double)> Triples(LibmFunction function, Random random)
    {
        double[] specials = [0.0, -0.0, 1.0, -1.0, 0.1, 3.0, -7.5, 1e-310, double.Epsilon, 1e300, double.MaxValue,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-40, 3e38];
        foreach (double x in specials)
            foreach (double y in specials)
                foreach (double z in specials)
                    yield return (Narrow(function, x), Narrow(function, y), Narrow(function, z));
        for (int i = 0; i < RandomPairs; i++)
            yield return (RandomBits(function, random), RandomBits(function, random), RandomBits(function, random));
        for (int i = 0; i < RandomPairs; i++)
        {
            // z cancels the product but for its rounding error: the result is that error, exactly.
            double x = Narrow(function, 4 * random.NextDouble() - 2), y = Narrow(function, 4 * random.NextDouble() - 2);
            yield return (x, y, Narrow(function, -(x * y)));
        }
        for (int i = 0; i < RandomPairs; i++)
            yield return (SignedMagnitude(function, random), SignedMagnitude(function, random), SignedMagnitude(function, random));
    }

    private static double RandomBits(LibmFunction function, Random random) =>
        function.IsSingle ? BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)) : BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63));

    /// <summary>Every binade equally likely, either sign, over the format's whole normal range.</summary>
    private static double SignedMagnitude(LibmFunction function, Random random)
    {
        int exponent = function.IsSingle ? random.Next(-149, 128) : random.Next(-1074, 1024);
        double value = System.Math.ScaleB(1 + random.NextDouble(), exponent);
        return Narrow(function, random.Next(2) == 0 ? value : -value);
    }

    private static double Narrow(LibmFunction function, double x) => function.IsSingle ? (float)x : x;

    /// <summary>A seed per function that does not change between runs (string.GetHashCode does).</summary>
    private static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
            hash = hash * 31 + c;
        return hash;
    }
}
