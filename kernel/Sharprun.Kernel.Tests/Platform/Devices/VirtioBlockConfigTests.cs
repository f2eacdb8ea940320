using System.Buffers.Binary;
using Sharprun.Hypercall.Devices.Block;
using Xunit;

namespace Sharprun.Kernel.Tests.Platform.Devices;

/// <summary>Reading virtio_blk_config under the negotiated features, with hostile configurations.</summary>
public sealed class VirtioBlockConfigTests
{
    private const ulong SizeMax = 1UL << VirtioBlockConfig.FeatureSizeMax;
    private const ulong SegmentMax = 1UL << VirtioBlockConfig.FeatureSegmentMax;
    private const ulong BlockSize = 1UL << VirtioBlockConfig.FeatureBlockSize;

    [Fact]
    public void FieldsAreReadOnlyWhenNegotiated()
    {
        byte[] config = Config(capacity: 131072, sizeMax: 65536, segmentMax: 126, blockSize: 4096);
        Assert.True(VirtioBlockConfig.TryRead(config, 0, out var plain, out _));
        Assert.Equal(131072UL, plain.Capacity);
        Assert.Equal(512, plain.SectorSize);
        Assert.Equal(0u, plain.MaxSegmentBytes);
        Assert.Equal(0u, plain.MaxSegments);
        Assert.Equal(131072UL, plain.SectorCount);

        Assert.True(VirtioBlockConfig.TryRead(config, SizeMax | SegmentMax | BlockSize, out var full, out _));
        Assert.Equal(4096, full.SectorSize);
        Assert.Equal(65536u, full.MaxSegmentBytes);
        Assert.Equal(126u, full.MaxSegments);
        Assert.Equal(16384UL, full.SectorCount);
    }

    [Fact]
    public void APartialLastBlockIsNotCounted()
    {
        Assert.True(VirtioBlockConfig.TryRead(Config(capacity: 1001, blockSize: 4096), BlockSize, out var config, out _));
        Assert.Equal(125UL, config.SectorCount);
    }

    [Fact]
    public void OnlyTheNegotiatedFieldsNeedToBePresent()
    {
        byte[] config = Config(capacity: 8);
        Assert.True(VirtioBlockConfig.TryRead(config[..8], 0, out _, out _));
        Assert.False(VirtioBlockConfig.TryRead(config[..7], 0, out _, out _));
        Assert.False(VirtioBlockConfig.TryRead(config[..11], SizeMax, out _, out _));
        Assert.False(VirtioBlockConfig.TryRead(config[..15], SegmentMax, out _, out _));
        Assert.False(VirtioBlockConfig.TryRead(config[..23], BlockSize, out _, out string? failure));
        Assert.Equal("the device configuration is too short", failure);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(256u)]
    [InlineData(1536u)]
    [InlineData(128u * 1024)]
    public void ImplausibleBlockSizesAreRefused(uint blockSize) =>
        Assert.False(VirtioBlockConfig.TryRead(Config(capacity: 8, blockSize: blockSize), BlockSize, out _, out _));

    [Fact]
    public void LimitsThatAllowNoRequestAreRefused()
    {
        Assert.False(VirtioBlockConfig.TryRead(Config(capacity: 8, segmentMax: 0), SegmentMax, out _, out _));
        Assert.False(VirtioBlockConfig.TryRead(Config(capacity: 8, sizeMax: 512), SizeMax, out _, out _));
        Assert.True(VirtioBlockConfig.TryRead(Config(capacity: 8, sizeMax: 0), SizeMax, out var none, out _));
        Assert.Equal(0u, none.MaxSegmentBytes);
    }

    private static byte[] Config(ulong capacity, uint sizeMax = 0, uint segmentMax = 0, uint blockSize = 512)
    {
        var bytes = new byte[60];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, capacity);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sizeMax);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), segmentMax);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), blockSize);
        return bytes;
    }
}
