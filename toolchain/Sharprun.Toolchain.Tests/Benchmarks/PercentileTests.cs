using System;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class PercentileTests
{
    [Fact]
    public void TakesTheNearestRankSample()
    {
        double[] hundred = new double[100];
        for (int i = 0; i < hundred.Length; i++)
            hundred[i] = 100 - i;   // 100 down to 1, unsorted on purpose
        Assert.Equal(99.0, Percentile.Of(hundred, 0.99));
        Assert.Equal(50.0, Percentile.Of(hundred, 0.5));
        Assert.Equal(100.0, Percentile.Of(hundred, 1.0));
    }

    [Fact]
    public void WithFewSamplesTheTailIsTheLargest()
    {
        Assert.Equal(7.0, Percentile.Of([3.0, 7.0, 5.0], 0.99));
        Assert.Equal(0.5, Percentile.Of([0.5], 0.99));
    }

    [Fact]
    public void RefusesNoSamplesNaNAndFractionsOutsideTheUnitInterval()
    {
        Assert.Throws<ArgumentException>(() => Percentile.Of([], 0.99));
        Assert.Throws<ArgumentException>(() => Percentile.Of([1.0, double.NaN], 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], double.NaN));
    }
}
