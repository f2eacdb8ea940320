using System.Buffers.Binary;
using Sharprun.Ext2.Disk;
using Sharprun.Vfs;
using Sharprun.Vfs.Blocks;

namespace Sharprun.Ext2.Format;

/// <summary>One format run of <see cref="Ext2Formatter"/>: the geometry decided, its metadata written group by group, the superblocks last.</summary>
internal sealed class FormatWriter(IBlockDevice device, FormatGeometry geometry, Guid uuid, long now)
{
    private const uint LostAndFoundInode = 11;
    private const uint FirstNonReservedInode = 11;
    private const uint CompatExtendedAttributes = 0x8;
    private const ushort MaximumMountCountUnlimited = 0xFFFF;
    private const ushort ErrorsContinue = 1;
    private const uint DefaultMountUserXattrAcl = 0x000C;
    private const uint FlagSignedDirectoryHash = 0x1;
    private const byte HashHalfMd4 = 1;
    private const ushort ExtraInodeFields = 32;

    private readonly int _blockSize = geometry.BlockSize;
    private readonly uint[] _freeBlocks = new uint[geometry.GroupCount];
    private readonly ulong _rootBlock = geometry.Group(0).FirstDataBlock(geometry.InodeTableBlocks);
    private readonly int _lostAndFoundBlocks = FormatGeometry.LostAndFoundBlocks(geometry.BlockSize);

    private ulong LostAndFoundBlock => _rootBlock + 1;

    private uint SecondsNow => (uint)(now / 1_000_000_000);

    public FsError Write()
    {
        for (var g = 0u; g < geometry.GroupCount; g++)
        {
            var error = WriteGroupMetadata(geometry.Group(g));
            if (error != FsError.Success)
            {
                return error;
            }
        }
        var result = WriteDirectories();
        if (result != FsError.Success)
        {
            return result;
        }
        var descriptors = DescriptorTable();
        for (var g = 0u; g < geometry.GroupCount; g++)
        {
            var group = geometry.Group(g);
            if (!group.HasSuperblock)
            {
                continue;
            }
            result = WriteSuperblock(group);
            if (result == FsError.Success)
            {
                result = WriteBlocks(group.FirstBlock + 1, descriptors);
            }
            if (result != FsError.Success)
            {
                return result;
            }
        }
        return device.Flush();
    }

    private FsError WriteGroupMetadata(GroupLayout group)
    {
        var blockBitmap = new byte[_blockSize];
        var used = (uint)(group.FirstDataBlock(geometry.InodeTableBlocks) - group.FirstBlock);
        if (group.Group == 0)
        {
            used += 1 + (uint)_lostAndFoundBlocks;
        }
        SetBits(blockBitmap, 0, used);
        // Bits past the end of a short last group stand for blocks that do not exist: e2fsck wants them set.
        SetBits(blockBitmap, group.BlockCount, (uint)_blockSize * 8 - group.BlockCount);
        _freeBlocks[group.Group] = group.BlockCount - used;

        var inodeBitmap = new byte[_blockSize];
        if (group.Group == 0)
        {
            SetBits(inodeBitmap, 0, LostAndFoundInode);
        }
        SetBits(inodeBitmap, geometry.InodesPerGroup, (uint)_blockSize * 8 - geometry.InodesPerGroup);

        var error = WriteBlocks(group.BlockBitmap, blockBitmap);
        if (error == FsError.Success)
        {
            error = WriteBlocks(group.InodeBitmap, inodeBitmap);
        }
        if (error == FsError.Success)
        {
            error = ZeroInodeTable(group);
        }
        return error;
    }

    private FsError ZeroInodeTable(GroupLayout group)
    {
        const int chunkBlocks = 64;
        var zeros = new byte[chunkBlocks * _blockSize];
        for (var done = 0u; done < geometry.InodeTableBlocks; done += chunkBlocks)
        {
            var count = (int)Math.Min(chunkBlocks, geometry.InodeTableBlocks - done);
            var error = WriteBlocks(group.InodeTable + done, zeros.AsSpan(0, count * _blockSize));
            if (error != FsError.Success)
            {
                return error;
            }
        }
        return FsError.Success;
    }

    /// <summary>The root directory (".", "..", "lost+found") and lost+found (".", "..", then empty blocks).</summary>
    private FsError WriteDirectories()
    {
        var root = new byte[_blockSize];
        DirectoryBlock.Write(root, 0, Ext2FileSystem.RootInode, 12, "."u8, 2);
        DirectoryBlock.Write(root, 12, Ext2FileSystem.RootInode, 12, ".."u8, 2);
        DirectoryBlock.Write(root, 24, LostAndFoundInode, _blockSize - 24, "lost+found"u8, 2);

        var lostAndFound = new byte[_lostAndFoundBlocks * _blockSize];
        DirectoryBlock.Write(lostAndFound, 0, LostAndFoundInode, 12, "."u8, 2);
        DirectoryBlock.Write(lostAndFound, 12, Ext2FileSystem.RootInode, _blockSize - 12, ".."u8, 2);
        for (var b = 1; b < _lostAndFoundBlocks; b++)
        {
            DirectoryBlock.SetLength(lostAndFound, b * _blockSize, _blockSize);
        }

        var error = WriteBlocks(_rootBlock, root);
        if (error == FsError.Success)
        {
            error = WriteBlocks(LostAndFoundBlock, lostAndFound);
        }
        if (error == FsError.Success)
        {
            error = WriteInode(DirectoryInode(Ext2FileSystem.RootInode, 0x1ED, 3, _rootBlock, 1));
        }
        if (error == FsError.Success)
        {
            error = WriteInode(DirectoryInode(LostAndFoundInode, 0x1C0, 2, LostAndFoundBlock, _lostAndFoundBlocks));
        }
        return error;
    }

    private Inode DirectoryInode(uint number, ushort permissions, ushort links, ulong firstBlock, int blocks)
    {
        var inode = new Inode(number, new byte[FormatGeometry.InodeSize]);
        inode.InitializeExtra();
        inode.Mode = (ushort)(InodeMode.Directory | permissions);
        inode.LinkCount = links;
        inode.Size = (ulong)(blocks * _blockSize);
        inode.Sectors = (ulong)(blocks * _blockSize / 512);
        for (var i = 0; i < blocks; i++)
        {
            inode.SetBlock(i, (uint)firstBlock + (uint)i);
        }
        inode.AccessTime = now;
        inode.ChangeTime = now;
        inode.ModifyTime = now;
        inode.BirthTime = now;
        return inode;
    }

    /// <summary>Both directory inodes live in group 0's inode table, which was just zeroed.</summary>
    private FsError WriteInode(Inode inode)
    {
        var offset = (long)(inode.Number - 1) * FormatGeometry.InodeSize;
        var block = geometry.Group(0).InodeTable + (ulong)(offset / _blockSize);
        var buffer = new byte[_blockSize];
        var error = device.Read((long)block * (_blockSize / device.SectorSize), buffer);
        if (error != FsError.Success)
        {
            return error;
        }
        inode.Raw.CopyTo(buffer.AsSpan((int)(offset % _blockSize)));
        return WriteBlocks(block, buffer);
    }

    private byte[] DescriptorTable()
    {
        var table = new byte[geometry.DescriptorBlocks * _blockSize];
        for (var g = 0u; g < geometry.GroupCount; g++)
        {
            var group = geometry.Group(g);
            var d = table.AsSpan((int)g * 32, 32);
            BinaryPrimitives.WriteUInt32LittleEndian(d, (uint)group.BlockBitmap);
            BinaryPrimitives.WriteUInt32LittleEndian(d[4..], (uint)group.InodeBitmap);
            BinaryPrimitives.WriteUInt32LittleEndian(d[8..], (uint)group.InodeTable);
            BinaryPrimitives.WriteUInt16LittleEndian(d[12..], (ushort)_freeBlocks[g]);
            BinaryPrimitives.WriteUInt16LittleEndian(d[14..], (ushort)(geometry.InodesPerGroup - (g == 0 ? LostAndFoundInode : 0)));
            BinaryPrimitives.WriteUInt16LittleEndian(d[16..], (ushort)(g == 0 ? 2 : 0));
        }
        return table;
    }

    /// <summary>
    /// The superblock, at byte 1024 of the device for group 0 and at the first block of each backup group, where
    /// it records its group number.
    /// </summary>
    private FsError WriteSuperblock(GroupLayout group)
    {
        var s = new byte[Superblock.Size];
        var freeBlocks = 0UL;
        foreach (var free in _freeBlocks)
        {
            freeBlocks += free;
        }
        var logBlockSize = (uint)System.Numerics.BitOperations.Log2((uint)_blockSize) - 10;
        U32(s, 0, geometry.InodesCount);
        U32(s, 4, (uint)geometry.BlocksCount);
        U32(s, 8, (uint)geometry.ReservedBlocks);
        U32(s, 12, (uint)freeBlocks);
        U32(s, 16, geometry.InodesCount - LostAndFoundInode);
        U32(s, 20, geometry.FirstDataBlock);
        U32(s, 24, logBlockSize);
        U32(s, 28, logBlockSize);
        U32(s, 32, geometry.BlocksPerGroup);
        U32(s, 36, geometry.BlocksPerGroup);
        U32(s, 40, geometry.InodesPerGroup);
        U32(s, 48, SecondsNow);
        U16(s, 54, MaximumMountCountUnlimited);
        U16(s, 56, Superblock.Magic);
        U16(s, 58, Superblock.StateValid);
        U16(s, 60, ErrorsContinue);
        U32(s, 64, SecondsNow);
        U32(s, 76, 1);
        U32(s, 84, FirstNonReservedInode);
        U16(s, 88, FormatGeometry.InodeSize);
        U16(s, 90, (ushort)group.Group);
        U32(s, 92, CompatExtendedAttributes);
        U32(s, 96, FeatureNames.IncompatFileType);
        U32(s, 100, FeatureNames.RoCompatSparseSuper | FeatureNames.RoCompatLargeFile);
        uuid.ToByteArray(bigEndian: true).CopyTo(s, 104);
        // The hash seed serves dir_index should tune2fs turn it on later; mke2fs always sets one.
        Guid.NewGuid().ToByteArray().CopyTo(s, 236);
        s[252] = HashHalfMd4;
        U32(s, 256, DefaultMountUserXattrAcl);
        U32(s, 264, SecondsNow);
        U16(s, 0x15C, ExtraInodeFields);
        U16(s, 0x15E, ExtraInodeFields);
        U32(s, 0x160, FlagSignedDirectoryHash);

        if (group.Group == 0)
        {
            // Byte 1024 on: the bytes before it are the boot block, which is not the file system's to write.
            var sectors = Superblock.Size / device.SectorSize;
            if (sectors == 0)
            {
                var head = new byte[device.SectorSize];
                var error = device.Read(0, head);
                if (error != FsError.Success)
                {
                    return error;
                }
                s.CopyTo(head.AsSpan((int)Superblock.ByteOffset));
                return device.Write(0, head);
            }
            return device.Write(Superblock.ByteOffset / device.SectorSize, s);
        }
        var backup = new byte[_blockSize];
        s.CopyTo(backup, 0);
        return WriteBlocks(group.FirstBlock, backup);
    }

    private FsError WriteBlocks(ulong block, ReadOnlySpan<byte> data) =>
        device.Write((long)block * (_blockSize / device.SectorSize), data);

    private static void SetBits(Span<byte> bitmap, uint first, uint count)
    {
        for (var bit = first; bit < first + count; bit++)
        {
            bitmap[(int)(bit / 8)] |= (byte)(1 << (int)(bit % 8));
        }
    }

    private static void U32(Span<byte> s, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(s[offset..], value);

    private static void U16(Span<byte> s, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(s[offset..], value);
}
