using System;
using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>A tail percentile of samples by the nearest-rank method: always one of the samples, never an interpolation between two.</summary>
public static class Percentile
{
    /// <summary>The smallest sample that at least <paramref name="fraction"/> of the samples do not exceed (0 &lt; fraction ≤ 1).</summary>
    public static double Of(IEnumerable<double> values, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a percentile is a fraction in (0, 1]");
        var sorted = values.ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("the percentile of no values is undefined", nameof(values));
        if (sorted.Any(double.IsNaN))
            throw new ArgumentException("cannot take the percentile of NaN", nameof(values));
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[rank - 1];
    }
}
