namespace Sharprun.Ext2.Format;

/// <summary>
/// The shape of a fresh file system on a device of a given size, computed as mke2fs does for ext2: 8 × block-size
/// blocks per group, one inode per 4 KiB below 512 MiB (mke2fs's "small" type) and per 16 KiB from there
/// ("default"), 256-byte inodes, a last group too short for its metadata and 50 blocks dropped, and backups of the
/// superblock and descriptors in groups 0, 1 and the powers of 3, 5 and 7 (sparse_super).
/// </summary>
internal sealed class FormatGeometry
{
    public const int InodeSize = 256;
    public const long SmallDeviceLimit = 512L * 1024 * 1024;
    private const int DescriptorSize = 32;
    private const uint MinimumDataBlocksInLastGroup = 50;
    private const uint MinimumInodesPerGroup = 16;

    private FormatGeometry(int blockSize, ulong blocksCount, uint groupCount, uint inodesPerGroup)
    {
        BlockSize = blockSize;
        BlocksCount = blocksCount;
        GroupCount = groupCount;
        InodesPerGroup = inodesPerGroup;
    }

    public int BlockSize { get; }
    public ulong BlocksCount { get; }
    public uint GroupCount { get; }
    public uint InodesPerGroup { get; }
    public uint InodesCount => InodesPerGroup * GroupCount;
    public uint FirstDataBlock => BlockSize == 1024 ? 1u : 0u;
    public uint BlocksPerGroup => 8u * (uint)BlockSize;
    public uint InodeTableBlocks => InodesPerGroup * InodeSize / (uint)BlockSize;
    public uint DescriptorBlocks => DescriptorBlocksFor(GroupCount, BlockSize);
    public ulong ReservedBlocks => BlocksCount * 5 / 100;

    /// <summary>mke2fs's block size for a device: 1 KiB below 512 MiB, 4 KiB from there.</summary>
    public static int DefaultBlockSize(long deviceBytes) => deviceBytes < SmallDeviceLimit ? 1024 : 4096;

    /// <summary>The geometry for <paramref name="deviceBytes"/>, or a message saying why the device cannot hold one.</summary>
    public static FormatGeometry? TryCompute(long deviceBytes, int blockSize, out string message)
    {
        var blocks = (ulong)deviceBytes / (ulong)blockSize;
        if (blocks > uint.MaxValue)
        {
            message = $"ext2: {deviceBytes} bytes is more than 2^32 blocks of {blockSize} bytes (no 64bit feature)";
            return null;
        }
        var firstDataBlock = blockSize == 1024 ? 1u : 0u;
        var blocksPerGroup = 8UL * (ulong)blockSize;
        var inodeRatio = deviceBytes < SmallDeviceLimit ? 4096UL : 16384UL;
        while (true)
        {
            if (blocks <= firstDataBlock)
            {
                message = TooSmall(deviceBytes, blockSize);
                return null;
            }
            var groups = (uint)((blocks - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup);
            var inodesPerGroup = InodesPerGroupFor(blocks * (ulong)blockSize / inodeRatio, groups, blockSize);
            var inodeTableBlocks = inodesPerGroup * InodeSize / (uint)blockSize;
            var lastGroupBlocks = (blocks - firstDataBlock) % blocksPerGroup;
            var lastHasSuperblock = HasSuperblock(groups - 1);
            var lastOverhead = 2 + inodeTableBlocks + (lastHasSuperblock ? 1 + DescriptorBlocksFor(groups, blockSize) : 0u);
            if (lastGroupBlocks != 0 && lastGroupBlocks < lastOverhead + MinimumDataBlocksInLastGroup && groups > 1)
            {
                blocks -= lastGroupBlocks;
                continue;
            }
            var geometry = new FormatGeometry(blockSize, blocks, groups, inodesPerGroup);
            // Group 0 holds the root directory and lost+found besides its metadata.
            var groupZeroBlocks = Math.Min(blocksPerGroup, blocks - firstDataBlock);
            var groupZeroNeeds = 1 + geometry.DescriptorBlocks + 2 + inodeTableBlocks + 1 + (ulong)LostAndFoundBlocks(blockSize) + MinimumDataBlocksInLastGroup;
            if (groupZeroBlocks < groupZeroNeeds)
            {
                message = TooSmall(deviceBytes, blockSize);
                return null;
            }
            message = "";
            return geometry;
        }
    }

    /// <summary>lost+found's size as mke2fs makes it: 16 KiB and at least two blocks, within the 12 direct blocks.</summary>
    public static int LostAndFoundBlocks(int blockSize) => Math.Min(Ext2.Disk.Inode.DirectPointers, Math.Max(2, 16384 / blockSize));

    /// <summary>sparse_super: the superblock and descriptors are backed up in groups 0, 1 and powers of 3, 5 and 7.</summary>
    public static bool HasSuperblock(uint group) => group <= 1 || IsPowerOf(group, 3) || IsPowerOf(group, 5) || IsPowerOf(group, 7);

    public GroupLayout Group(uint group)
    {
        var first = FirstDataBlock + (ulong)group * BlocksPerGroup;
        var count = (uint)Math.Min(BlocksPerGroup, BlocksCount - first);
        var hasSuperblock = HasSuperblock(group);
        var bitmap = first + (hasSuperblock ? 1 + DescriptorBlocks : 0u);
        return new GroupLayout(group, first, count, hasSuperblock, bitmap, bitmap + 1, bitmap + 2);
    }

    private static uint InodesPerGroupFor(ulong inodes, uint groups, int blockSize)
    {
        var perGroup = (inodes + groups - 1) / groups;
        var perBlock = (ulong)(blockSize / InodeSize);
        perGroup = Math.Max(perGroup, MinimumInodesPerGroup);
        // A whole number of inode-table blocks, a whole number of bitmap bytes, and no more than one bitmap block.
        perGroup = (perGroup + perBlock - 1) / perBlock * perBlock;
        perGroup = (perGroup + 7) / 8 * 8;
        return (uint)Math.Min(perGroup, 8UL * (ulong)blockSize);
    }

    private static uint DescriptorBlocksFor(uint groups, int blockSize) =>
        (uint)(((ulong)groups * DescriptorSize + (ulong)blockSize - 1) / (ulong)blockSize);

    private static bool IsPowerOf(uint value, uint radix)
    {
        var power = radix;
        while (power < value)
        {
            power *= radix;
        }
        return power == value;
    }

    private static string TooSmall(long deviceBytes, int blockSize) =>
        $"ext2: a device of {deviceBytes} bytes is too small for an ext2 file system of {blockSize}-byte blocks";
}
