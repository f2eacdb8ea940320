using System.Buffers.Binary;
using Sharprun.Ext2.Ext4;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Disk;

/// <summary>
/// The primary group descriptor table (the blocks after the superblock), parsed and checked at mount and kept as
/// raw bytes, so that a changed descriptor is written back with the fields this code does not know intact.
/// </summary>
internal sealed class GroupDescriptorTable
{
    private readonly byte[] _raw;
    private readonly GroupDescriptor[] _groups;
    private readonly int _descriptorSize;
    private readonly ulong _firstBlock;
    private readonly int _blockSize;
    private readonly HashSet<int> _changedBlocks = [];

    private GroupDescriptorTable(byte[] raw, GroupDescriptor[] groups, int descriptorSize, ulong firstBlock, int blockSize)
    {
        _raw = raw;
        _groups = groups;
        _descriptorSize = descriptorSize;
        _firstBlock = firstBlock;
        _blockSize = blockSize;
    }

    public int Count => _groups.Length;

    public GroupDescriptor this[uint group] => _groups[group];

    /// <summary>Blocks the primary table occupies.</summary>
    public uint BlockCount => (uint)(_raw.Length / _blockSize);

    public static FsError TryRead(BlockStore store, Superblock superblock, out GroupDescriptorTable? table, out string message)
    {
        table = null;
        var groupCount = superblock.GroupCount;
        var descriptorSize = superblock.DescriptorSize;
        var blockSize = superblock.BlockSize;
        var tableBlocks = ((ulong)groupCount * (ulong)descriptorSize + (ulong)blockSize - 1) / (ulong)blockSize;
        var firstBlock = (ulong)superblock.FirstDataBlock + 1;
        if (firstBlock + tableBlocks > superblock.BlocksCount || tableBlocks > (ulong)(int.MaxValue / blockSize))
        {
            message = "ext2: group descriptor table does not fit the file system";
            return FsError.Corrupted;
        }

        var raw = new byte[tableBlocks * (ulong)blockSize];
        for (var i = 0UL; i < tableBlocks; i++)
        {
            var error = store.ReadBlock(firstBlock + i, raw.AsSpan((int)i * blockSize, blockSize));
            if (error != FsError.Success)
            {
                message = "ext2: cannot read the group descriptor table";
                return error;
            }
        }

        var groups = new GroupDescriptor[groupCount];
        var tableLength = superblock.InodeTableBlocks;
        for (var g = 0u; g < groupCount; g++)
        {
            var d = raw.AsSpan((int)g * descriptorSize, descriptorSize);
            var wide = descriptorSize >= 64;
            var descriptor = new GroupDescriptor
            {
                BlockBitmap = Wide(d, 0, 0x20, wide),
                InodeBitmap = Wide(d, 4, 0x24, wide),
                InodeTable = Wide(d, 8, 0x28, wide),
                FreeBlocks = Narrow(d, 0x0C, 0x2C, wide),
                FreeInodes = Narrow(d, 0x0E, 0x2E, wide),
                UsedDirectories = Narrow(d, 0x10, 0x30, wide),
                Flags = BinaryPrimitives.ReadUInt16LittleEndian(d[0x12..]),
            };
            if (!InRange(descriptor.BlockBitmap, 1, superblock) || !InRange(descriptor.InodeBitmap, 1, superblock)
                || !InRange(descriptor.InodeTable, tableLength, superblock))
            {
                message = $"ext2: group {g} descriptor points outside the file system";
                return FsError.Corrupted;
            }
            if (descriptor.FreeBlocks > superblock.BlocksPerGroup || descriptor.FreeInodes > superblock.InodesPerGroup
                || descriptor.UsedDirectories > superblock.InodesPerGroup)
            {
                message = $"ext2: group {g} descriptor has impossible counts";
                return FsError.Corrupted;
            }
            if (superblock.HasMetadataChecksum && !Checksums.GroupDescriptorMatches(superblock, g, d))
            {
                message = $"ext2: group {g} descriptor checksum mismatch";
                return FsError.Corrupted;
            }
            groups[g] = descriptor;
        }

        table = new GroupDescriptorTable(raw, groups, descriptorSize, firstBlock, blockSize);
        message = "";
        return FsError.Success;
    }

    /// <summary>
    /// Puts group <paramref name="group"/>'s counts into the table, to reach the disk at the next
    /// <see cref="WriteChanged"/>. Counts are all that changes in a descriptor after mkfs, and e2fsck recomputes them,
    /// so they need no place in the order of writes: a crash between syncs leaves at worst a wrong free count, never
    /// a pointer to something unwritten; the file system writes them at every sync, before the flush.
    /// </summary>
    public void Changed(uint group)
    {
        var descriptor = _groups[group];
        var offset = (int)group * _descriptorSize;
        var d = _raw.AsSpan(offset, _descriptorSize);
        var wide = _descriptorSize >= 64;
        SetNarrow(d, 0x0C, 0x2C, wide, descriptor.FreeBlocks);
        SetNarrow(d, 0x0E, 0x2E, wide, descriptor.FreeInodes);
        SetNarrow(d, 0x10, 0x30, wide, descriptor.UsedDirectories);
        _changedBlocks.Add(offset / _blockSize);
    }

    /// <summary>Writes the table's blocks whose counts changed since the last call (unordered: see <see cref="Changed"/>).</summary>
    public FsError WriteChanged(BlockStore store)
    {
        foreach (var block in _changedBlocks.Order())
        {
            var error = store.WriteUnorderedBlockPart(_firstBlock + (ulong)block, 0, _raw.AsSpan(block * _blockSize, _blockSize));
            if (error != FsError.Success)
            {
                return error;
            }
        }
        _changedBlocks.Clear();
        return FsError.Success;
    }

    private static bool InRange(ulong start, ulong length, Superblock superblock) =>
        start > superblock.FirstDataBlock && start < superblock.BlocksCount && length <= superblock.BlocksCount - start;

    private static ulong Wide(ReadOnlySpan<byte> d, int low, int high, bool wide) =>
        BinaryPrimitives.ReadUInt32LittleEndian(d[low..]) | (wide ? (ulong)BinaryPrimitives.ReadUInt32LittleEndian(d[high..]) << 32 : 0);

    private static uint Narrow(ReadOnlySpan<byte> d, int low, int high, bool wide) =>
        BinaryPrimitives.ReadUInt16LittleEndian(d[low..]) | (wide ? (uint)BinaryPrimitives.ReadUInt16LittleEndian(d[high..]) << 16 : 0);

    private static void SetNarrow(Span<byte> d, int low, int high, bool wide, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(d[low..], (ushort)value);
        if (wide)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(d[high..], (ushort)(value >> 16));
        }
    }
}
