using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Allocation;

/// <summary>Allocates and frees inode numbers in the inode bitmaps, keeping the group's used-directory count.</summary>
internal sealed class InodeAllocator(Superblock superblock, GroupDescriptorTable groups, BlockStore store)
{
    public FsError Allocate(uint nearInode, bool directory, out uint number)
    {
        number = 0;
        var groupCount = (uint)groups.Count;
        var perGroup = (int)superblock.InodesPerGroup;
        var goalGroup = nearInode == 0 || nearInode > superblock.InodesCount ? 0 : (nearInode - 1) / superblock.InodesPerGroup;
        for (var i = 0u; i < groupCount; i++)
        {
            var group = (goalGroup + i) % groupCount;
            var descriptor = groups[group];
            if (descriptor.FreeInodes == 0)
            {
                continue;
            }
            var error = store.ViewBlock(descriptor.InodeBitmap, out var bitmap);
            if (error != FsError.Success)
            {
                return error;
            }
            // The inodes below s_first_ino are reserved (root, journal, resize...), never handed out.
            var groupFirst = (ulong)group * superblock.InodesPerGroup + 1;
            var start = groupFirst >= superblock.FirstInode ? 0 : (int)Math.Min((ulong)perGroup, superblock.FirstInode - groupFirst);
            var bit = Bitmap.FindClear(bitmap, start, perGroup);
            if (bit < 0)
            {
                continue;
            }
            error = Bitmap.Change(store, descriptor.InodeBitmap, bitmap, bit, 1, set: true);
            if (error != FsError.Success)
            {
                return error;
            }
            descriptor.FreeInodes--;
            if (directory)
            {
                descriptor.UsedDirectories = Math.Min(descriptor.UsedDirectories + 1, superblock.InodesPerGroup);
            }
            superblock.FreeInodesCount = superblock.FreeInodesCount == 0 ? 0 : superblock.FreeInodesCount - 1;
            number = (uint)(groupFirst + (ulong)bit);
            groups.Changed(group);
            return FsError.Success;
        }
        return FsError.NoSpace;
    }

    public FsError Free(uint number, bool directory)
    {
        if (number == 0 || number > superblock.InodesCount)
        {
            return FsError.Corrupted;
        }
        var group = (number - 1) / superblock.InodesPerGroup;
        var bit = (int)((number - 1) % superblock.InodesPerGroup);
        var descriptor = groups[group];
        var error = store.ViewBlock(descriptor.InodeBitmap, out var bitmap);
        if (error != FsError.Success)
        {
            return error;
        }
        if (!Bitmap.IsSet(bitmap, bit))
        {
            return FsError.Corrupted;
        }
        error = Bitmap.Change(store, descriptor.InodeBitmap, bitmap, bit, 1, set: false);
        if (error != FsError.Success)
        {
            return error;
        }
        descriptor.FreeInodes = Math.Min(descriptor.FreeInodes + 1, superblock.InodesPerGroup);
        if (directory && descriptor.UsedDirectories > 0)
        {
            descriptor.UsedDirectories--;
        }
        superblock.FreeInodesCount = Math.Min(superblock.FreeInodesCount + 1, superblock.InodesCount);
        groups.Changed(group);
        return FsError.Success;
    }
}
