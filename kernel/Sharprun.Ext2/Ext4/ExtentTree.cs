using System.Buffers.Binary;
using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Ext4;

/// <summary>
/// Read-only lookups in an ext4 extent tree: the root in i_block, index nodes and leaves in blocks. Each node's
/// header is checked (magic, counts that fit the node, the depth one less than its parent's), which bounds the walk.
/// Uninitialized extents read as holes.
/// </summary>
internal sealed class ExtentTree(Superblock superblock, BlockStore store)
{
    private const ushort HeaderMagic = 0xF30A;
    private const int MaximumDepth = 5;
    private const int EntryLength = 12;
    private const int UninitializedLength = 32768;

    public FsError Map(Inode inode, ulong logical, out ulong physical)
    {
        physical = 0;
        if (logical > uint.MaxValue)
        {
            return FsError.Success;
        }
        var node = inode.BlockArea.ToArray();
        var expectedDepth = -1;
        for (var level = 0; level <= MaximumDepth; level++)
        {
            if (node.Length < EntryLength || BinaryPrimitives.ReadUInt16LittleEndian(node) != HeaderMagic)
            {
                return FsError.Corrupted;
            }
            int entries = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(2));
            int maximum = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(4));
            int depth = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(6));
            if (entries > maximum || EntryLength + maximum * EntryLength > node.Length || depth > MaximumDepth
                || (expectedDepth >= 0 && depth != expectedDepth))
            {
                return FsError.Corrupted;
            }
            if (depth == 0)
            {
                return FindInLeaf(node, entries, (uint)logical, out physical);
            }

            var chosen = -1;
            for (var i = 0; i < entries; i++)
            {
                var start = BinaryPrimitives.ReadUInt32LittleEndian(node.AsSpan(EntryLength + i * EntryLength));
                if (start > logical)
                {
                    break;
                }
                chosen = i;
            }
            if (chosen < 0)
            {
                return FsError.Success;
            }
            var entry = node.AsSpan(EntryLength + chosen * EntryLength);
            var child = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]) | (ulong)BinaryPrimitives.ReadUInt16LittleEndian(entry[8..]) << 32;
            if (child <= superblock.FirstDataBlock || child >= superblock.BlocksCount)
            {
                return FsError.Corrupted;
            }
            var next = new byte[superblock.BlockSize];
            var error = store.ReadBlock(child, next);
            if (error != FsError.Success)
            {
                return error;
            }
            node = next;
            expectedDepth = depth - 1;
        }
        return FsError.Corrupted;
    }

    private FsError FindInLeaf(byte[] node, int entries, uint logical, out ulong physical)
    {
        physical = 0;
        for (var i = 0; i < entries; i++)
        {
            var entry = node.AsSpan(EntryLength + i * EntryLength);
            var first = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]);
            var uninitialized = length > UninitializedLength;
            if (uninitialized)
            {
                length -= UninitializedLength;
            }
            if (logical < first || logical - first >= (uint)length)
            {
                continue;
            }
            var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]) | (ulong)BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]) << 32;
            var block = start + (logical - first);
            if (start <= superblock.FirstDataBlock || block >= superblock.BlocksCount)
            {
                return FsError.Corrupted;
            }
            physical = uninitialized ? 0 : block;
            return FsError.Success;
        }
        return FsError.Success;
    }
}
