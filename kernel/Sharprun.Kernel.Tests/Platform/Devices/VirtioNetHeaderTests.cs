using Sharprun.Hypercall.Devices.Net;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Decoding received virtio_net_hdr and encoding transmit ones, with hostile headers.</summary>
public sealed class VirtioNetHeaderTests
{
    [Fact]
    public void ReceivedHeaderIsDecoded()
    {
        byte[] bytes = [VirtioNetHeader.DataValid, 0, 0, 0, 0, 0, 34, 0, 16, 0, 3, 0, 0xAA];
        Assert.True(VirtioNetHeader.TryRead(bytes, 128, out var header));
        Assert.True(header.ChecksumVerified);
        Assert.Equal(3, header.BufferCount);
        Assert.Equal(34, header.ChecksumStart);
        Assert.Equal(16, header.ChecksumOffset);
    }

    [Theory]
    [InlineData(VirtioNetHeader.NeedsChecksum, true)]
    [InlineData(0, false)]
    public void FramesFromTheHostsOwnStackAreTrusted(byte flags, bool verified)
    {
        byte[] bytes = [flags, 0, 0, 0, 0, 0, 34, 0, 16, 0, 1, 0];
        Assert.True(VirtioNetHeader.TryRead(bytes, 128, out var header));
        Assert.Equal(verified, header.ChecksumVerified);
    }

    [Fact]
    public void HostileHeadersAreRefused()
    {
        Assert.False(VirtioNetHeader.TryRead(new byte[11], 128, out _));
        Assert.False(VirtioNetHeader.TryRead([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 128, out _));
        Assert.False(VirtioNetHeader.TryRead([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], 128, out _));
        Assert.False(VirtioNetHeader.TryRead([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 129, 0], 128, out _));
        Assert.False(VirtioNetHeader.TryRead([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0], 1, out _));
        Assert.False(VirtioNetHeader.TryRead([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF], 256, out _));
    }

    [Fact]
    public void CompleteFrameHasAnEmptyHeader()
    {
        byte[] target = [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];
        Assert.True(VirtioNetHeader.TryWriteTransmit(target, 60, -1, 0));
        Assert.All(target, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ChecksumRequestIsEncoded()
    {
        var target = new byte[12];
        Assert.True(VirtioNetHeader.TryWriteTransmit(target, 54, 34, 16));
        Assert.Equal([VirtioNetHeader.NeedsChecksum, 0, 0, 0, 0, 0, 34, 0, 16, 0, 0, 0], target);
    }

    [Theory]
    [InlineData(60, 50, 16)]
    [InlineData(60, 34, -1)]
    [InlineData(70000, 65536, 6)]
    public void ChecksumOutsideTheFrameIsRefused(int frameLength, int start, int offset) =>
        Assert.False(VirtioNetHeader.TryWriteTransmit(new byte[12], frameLength, start, offset));

    [Fact]
    public void HeaderNeedsTwelveBytes() => Assert.False(VirtioNetHeader.TryWriteTransmit(new byte[11], 60, -1, 0));
}
