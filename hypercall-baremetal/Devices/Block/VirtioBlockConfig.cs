using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// struct virtio_blk_config (virtio 1.2 §5.2.4), the fields this driver uses: capacity (always in 512-byte sectors),
/// size_max and seg_max (limits on a request's data descriptors) and blk_size (the logical block size), each read
/// only when its feature was negotiated. Pure, so host tests feed it hostile configurations.
/// </summary>
internal readonly struct VirtioBlockConfig
{
    public const int FeatureSizeMax = 1;
    public const int FeatureSegmentMax = 2;
    public const int FeatureReadOnly = 5;
    public const int FeatureBlockSize = 6;
    public const int FeatureFlush = 9;

    /// <summary>The protocol's unit: request sectors and capacity count 512 bytes whatever the block size.</summary>
    public const int ProtocolSector = 512;

    /// <summary>The largest block size believed; beyond it (or not a power of two) the device is refused.</summary>
    public const int LargestBlockSize = 64 * 1024;

    /// <summary>Bytes of configuration needed: up to blk_size's end.</summary>
    public const int Length = 24;

    private const int CapacityOffset = 0;
    private const int SizeMaxOffset = 8;
    private const int SegmentMaxOffset = 12;
    private const int BlockSizeOffset = 20;

    public VirtioBlockConfig(ulong capacity, int sectorSize, uint maxSegmentBytes, uint maxSegments)
    {
        Capacity = capacity;
        SectorSize = sectorSize;
        MaxSegmentBytes = maxSegmentBytes;
        MaxSegments = maxSegments;
    }

    /// <summary>The disk's size in 512-byte sectors.</summary>
    public ulong Capacity { get; }

    /// <summary>512, or blk_size when BLK_SIZE was negotiated.</summary>
    public int SectorSize { get; }

    /// <summary>size_max: the most bytes one data descriptor may carry; 0 for no limit.</summary>
    public uint MaxSegmentBytes { get; }

    /// <summary>seg_max: the most data descriptors in one request; 0 for no limit but the ring's.</summary>
    public uint MaxSegments { get; }

    /// <summary>The disk's size in <see cref="SectorSize"/> units (a partial last block is not used).</summary>
    public ulong SectorCount => Capacity / (ulong)(SectorSize / ProtocolSector);

    /// <summary>
    /// Reads the configuration under the <paramref name="features"/> negotiated. False, with the reason, when it
    /// is shorter than a negotiated field, states a block size that is not a power of two from 512 to 64 KiB, or a
    /// seg_max of 0.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> config, ulong features, out VirtioBlockConfig result, out string? failure)
    {
        result = default;
        int needed = Has(features, FeatureBlockSize) ? BlockSizeOffset + 4
            : Has(features, FeatureSegmentMax) ? SegmentMaxOffset + 4
            : Has(features, FeatureSizeMax) ? SizeMaxOffset + 4
            : CapacityOffset + 8;
        if (config.Length < needed)
        {
            failure = "the device configuration is too short";
            return false;
        }
        ulong capacity = BinaryPrimitives.ReadUInt64LittleEndian(config[CapacityOffset..]);
        uint sizeMax = Has(features, FeatureSizeMax) ? BinaryPrimitives.ReadUInt32LittleEndian(config[SizeMaxOffset..]) : 0;
        uint segmentMax = Has(features, FeatureSegmentMax) ? BinaryPrimitives.ReadUInt32LittleEndian(config[SegmentMaxOffset..]) : 0;
        uint blockSize = Has(features, FeatureBlockSize) ? BinaryPrimitives.ReadUInt32LittleEndian(config[BlockSizeOffset..]) : ProtocolSector;
        if (blockSize < ProtocolSector || blockSize > LargestBlockSize || (blockSize & (blockSize - 1)) != 0)
        {
            failure = "the device states a block size that is not a power of two from 512 bytes to 64 KiB";
            return false;
        }
        if (Has(features, FeatureSegmentMax) && segmentMax == 0)
        {
            failure = "the device allows no data segment in a request (seg_max 0)";
            return false;
        }
        // A segment limit below a sector could not carry one; below a page it is not worth splitting for.
        if (sizeMax != 0 && sizeMax < DevicePages.PageSize)
        {
            failure = "the device's largest segment (size_max) is smaller than a page";
            return false;
        }
        result = new VirtioBlockConfig(capacity, (int)blockSize, sizeMax, segmentMax);
        failure = null;
        return true;
    }

    private static bool Has(ulong features, int feature) => (features & (1UL << feature)) != 0;
}
