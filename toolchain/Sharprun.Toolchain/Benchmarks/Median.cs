using System;
using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>The median of repeated measurements: robust against the odd slow run on a shared machine.</summary>
public static class Median
{
    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("the median of no values is undefined", nameof(values));
        if (sorted.Any(double.IsNaN))
            throw new ArgumentException("cannot take the median of NaN", nameof(values));
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
