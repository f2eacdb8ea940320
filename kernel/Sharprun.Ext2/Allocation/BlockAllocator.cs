using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Allocation;

/// <summary>
/// Allocates and frees data blocks in the block bitmaps. Each change writes the bitmap's bits; the group descriptor's
/// and the superblock's counts follow in memory and are written at sync, as Linux's ext2 does.
/// </summary>
internal sealed class BlockAllocator(Superblock superblock, GroupDescriptorTable groups, BlockStore store)
{
    /// <summary>Allocates a block, preferring <paramref name="goal"/> and what follows it; <see cref="FsError.NoSpace"/> when none is free.</summary>
    public FsError Allocate(ulong goal, out ulong block) => AllocateRun(goal, 1, out block, out _);

    /// <summary>
    /// Allocates up to <paramref name="limit"/> consecutive blocks from the first free one at or after
    /// <paramref name="goal"/> (at least one; fewer when the run meets a used block or the group's end), with one
    /// write of the bitmap, however many it takes.
    /// </summary>
    public FsError AllocateRun(ulong goal, int limit, out ulong first, out int count)
    {
        first = 0;
        count = 0;
        var groupCount = (uint)groups.Count;
        var goalGroup = goal > superblock.FirstDataBlock && goal < superblock.BlocksCount
            ? (uint)((goal - superblock.FirstDataBlock) / superblock.BlocksPerGroup)
            : 0;
        for (var i = 0u; i < groupCount; i++)
        {
            var group = (goalGroup + i) % groupCount;
            var descriptor = groups[group];
            if (descriptor.FreeBlocks == 0)
            {
                continue;
            }
            var error = store.ViewBlock(descriptor.BlockBitmap, out var bitmap);
            if (error != FsError.Success)
            {
                return error;
            }
            var groupStart = superblock.FirstDataBlock + (ulong)group * superblock.BlocksPerGroup;
            var groupBlocks = (int)Math.Min(superblock.BlocksPerGroup, superblock.BlocksCount - groupStart);
            var start = i == 0 && goal >= groupStart ? (int)Math.Min((ulong)groupBlocks, goal - groupStart) : 0;
            var bit = FindUsable(bitmap, start, groupBlocks, groupStart, descriptor);
            if (bit < 0 && start > 0)
            {
                bit = FindUsable(bitmap, 0, start, groupStart, descriptor);
            }
            if (bit < 0)
            {
                continue;
            }
            var run = 1;
            while (run < limit && run < descriptor.FreeBlocks && bit + run < groupBlocks && !Bitmap.IsSet(bitmap, bit + run)
                && !IsGroupMetadata(groupStart + (ulong)(bit + run), descriptor))
            {
                run++;
            }
            error = Bitmap.Change(store, descriptor.BlockBitmap, bitmap, bit, run, set: true);
            if (error != FsError.Success)
            {
                return error;
            }
            descriptor.FreeBlocks -= (uint)run;
            superblock.FreeBlocksCount = superblock.FreeBlocksCount < (ulong)run ? 0 : superblock.FreeBlocksCount - (ulong)run;
            groups.Changed(group);
            first = groupStart + (ulong)bit;
            count = run;
            return error;
        }
        return FsError.NoSpace;
    }

    public FsError Free(ulong block)
    {
        if (block <= superblock.FirstDataBlock || block >= superblock.BlocksCount)
        {
            return FsError.Corrupted;
        }
        var group = (uint)((block - superblock.FirstDataBlock) / superblock.BlocksPerGroup);
        var bit = (int)((block - superblock.FirstDataBlock) % superblock.BlocksPerGroup);
        var descriptor = groups[group];
        var error = store.ViewBlock(descriptor.BlockBitmap, out var bitmap);
        if (error != FsError.Success)
        {
            return error;
        }
        if (!Bitmap.IsSet(bitmap, bit))
        {
            return FsError.Corrupted;
        }
        error = Bitmap.Change(store, descriptor.BlockBitmap, bitmap, bit, 1, set: false);
        if (error != FsError.Success)
        {
            return error;
        }
        descriptor.FreeBlocks = Math.Min(descriptor.FreeBlocks + 1, superblock.BlocksPerGroup);
        superblock.FreeBlocksCount = Math.Min(superblock.FreeBlocksCount + 1, superblock.BlocksCount);
        groups.Changed(group);
        return FsError.Success;
    }

    /// <summary>A clear bit whose block is not the group's own metadata (a damaged bitmap must not hand those out).</summary>
    private int FindUsable(ReadOnlySpan<byte> bitmap, int start, int end, ulong groupStart, GroupDescriptor descriptor)
    {
        while (start < end)
        {
            var bit = Bitmap.FindClear(bitmap, start, end);
            if (bit < 0)
            {
                return -1;
            }
            if (!IsGroupMetadata(groupStart + (ulong)bit, descriptor))
            {
                return bit;
            }
            start = bit + 1;
        }
        return -1;
    }

    private bool IsGroupMetadata(ulong block, GroupDescriptor descriptor) =>
        block <= superblock.FirstDataBlock + groups.BlockCount || block == descriptor.BlockBitmap
        || block == descriptor.InodeBitmap || (block >= descriptor.InodeTable && block < descriptor.InodeTable + superblock.InodeTableBlocks);
}
