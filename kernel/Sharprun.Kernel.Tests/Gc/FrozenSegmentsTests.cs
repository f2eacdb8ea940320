using Sharprun.Kernel.Gc;
using Xunit;

namespace Sharprun.Kernel.Tests.Gc;

/// <summary>
/// The frozen segments CoreLib registers: their objects are outside the collected heap, so the collector counts them
/// live and never sets a mark bit in them.
/// </summary>
public sealed unsafe class FrozenSegmentsTests
{
    [Fact]
    public void RegisteredSegmentsHoldTheirWholeReservedRangeUntilUnregistered()
    {
        byte* first = (byte*)0x4000_0000;
        byte* second = (byte*)0x5000_0000;
        nint one = FrozenSegments.Register(first, 0x40_0000);
        nint two = FrozenSegments.Register(second, 0x1000);
        Assert.NotEqual(0, one);
        Assert.NotEqual(one, two);

        Assert.True(FrozenSegments.Contains(first));
        Assert.True(FrozenSegments.Contains(first + 0x3F_FFF8));
        Assert.False(FrozenSegments.Contains(first + 0x40_0000));
        Assert.False(FrozenSegments.Contains(first - 8));
        Assert.True(FrozenSegments.Contains(second + 0x10));

        FrozenSegments.Unregister(one);
        Assert.False(FrozenSegments.Contains(first));
        Assert.True(FrozenSegments.Contains(second + 0x10));
        // The freed slot is taken again.
        Assert.Equal(one, FrozenSegments.Register(first + 0x100_0000, 0x1000));
        Assert.True(FrozenSegments.Contains(first + 0x100_0000));
        FrozenSegments.Unregister(one);
        FrozenSegments.Unregister(two);
        Assert.Equal(0, FrozenSegments.Register(null, 0x1000));
    }
}
