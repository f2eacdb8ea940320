using Sharprun.Hypercall.Devices.Virtio;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Split-virtqueue index arithmetic: wrap-around, a device index that jumps past the ring, the EVENT_IDX rule.</summary>
public sealed class VirtqueueIndexTests
{
    [Theory]
    [InlineData(10, 10, 0)]
    [InlineData(12, 10, 2)]
    [InlineData(2, 65534, 4)]
    [InlineData(138, 10, 128)]
    public void PendingCountsAcrossTheWrap(int used, int consumed, int expected) =>
        Assert.Equal(expected, VirtqueueIndex.Pending((ushort)used, (ushort)consumed, 128));

    [Theory]
    [InlineData(139, 10)]
    [InlineData(9, 10)]
    [InlineData(40000, 0)]
    public void IndexJumpingPastTheRingIsReported(int used, int consumed) =>
        Assert.Equal(-1, VirtqueueIndex.Pending((ushort)used, (ushort)consumed, 128));

    [Theory]
    [InlineData(5, 6, 5, true)]
    [InlineData(5, 5, 4, false)]
    [InlineData(5, 10, 0, true)]
    [InlineData(5, 10, 6, false)]
    [InlineData(65535, 1, 65534, true)]
    [InlineData(0, 3, 65530, true)]
    [InlineData(100, 3, 65530, false)]
    public void EventIndexIsCrossedOnlyWhenPassed(int eventIndex, int updated, int old, bool crosses) =>
        Assert.Equal(crosses, VirtqueueIndex.CrossesEvent((ushort)eventIndex, (ushort)updated, (ushort)old));

    [Fact]
    public void SlotWrapsWithTheRing()
    {
        Assert.Equal(0, VirtqueueIndex.Slot(128, 128));
        Assert.Equal(127, VirtqueueIndex.Slot(65535, 128));
        Assert.Equal(3, VirtqueueIndex.Slot(3, 64));
    }
}
