using System;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class MedianTests
{
    [Fact]
    public void OddCountTakesTheMiddleOfTheSortedValues() => Assert.Equal(3.0, Median.Of([9.0, 1.0, 3.0, 2.0, 100.0]));

    [Fact]
    public void EvenCountAveragesTheTwoMiddleValues() => Assert.Equal(2.5, Median.Of([4.0, 1.0, 3.0, 2.0]));

    [Fact]
    public void SingleValueIsItsOwnMedian() => Assert.Equal(0.25, Median.Of([0.25]));

    [Fact]
    public void EmptyOrNaNInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Median.Of([]));
        Assert.Throws<ArgumentException>(() => Median.Of([1.0, double.NaN]));
    }
}
