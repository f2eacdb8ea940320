using System.Buffers.Binary;
using Sharprun.Ext2.Allocation;
using Sharprun.Ext2.Disk;
using Sharprun.Ext2.Storage;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Files;

/// <summary>
/// ext2's block map: 12 direct pointers, then single, double and triple indirect blocks. Every pointer read is
/// checked against the file system's size; walks are bounded by depth, and the freeing walk by a visit budget, so a
/// damaged tree (an indirect block pointing at itself) ends in <see cref="FsError.Corrupted"/>.
/// </summary>
internal sealed class IndirectBlockMap(Superblock superblock, BlockStore store, BlockAllocator allocator)
{
    private readonly int _perBlock = superblock.BlockSize / 4;

    /// <summary>Logical blocks the map can address.</summary>
    public ulong MaximumBlocks
    {
        get
        {
            var p = (ulong)_perBlock;
            return Inode.DirectPointers + p + p * p + p * p * p;
        }
    }

    public bool IsValidBlock(ulong block) => block > superblock.FirstDataBlock && block < superblock.BlocksCount;

    public FsError Map(Inode inode, ulong logical, out ulong physical)
    {
        physical = 0;
        Span<int> indices = stackalloc int[3];
        if (!TryPath(logical, indices, out var root, out var depth))
        {
            return FsError.Success;
        }
        ulong current = inode.GetBlock(root);
        for (var level = 0; level < depth && current != 0; level++)
        {
            if (!IsValidBlock(current))
            {
                return FsError.Corrupted;
            }
            var error = store.ViewBlock(current, out var block);
            if (error != FsError.Success)
            {
                return error;
            }
            current = BinaryPrimitives.ReadUInt32LittleEndian(block[(indices[level] * 4)..]);
        }
        if (current != 0 && !IsValidBlock(current))
        {
            return FsError.Corrupted;
        }
        physical = current;
        return FsError.Success;
    }

    /// <summary>
    /// Maps <paramref name="logical"/> for a write, allocating the indirect blocks on the way (each zeroed on disk
    /// before anything points at it). A hole answers <paramref name="physical"/> 0 and the slot the caller sets once
    /// the data block is written. Allocated blocks are added to the inode's sector count.
    /// </summary>
    public FsError MapForWrite(Inode inode, ulong logical, ulong goal, out ulong physical, out PointerSlot slot)
    {
        physical = 0;
        slot = default;
        Span<int> indices = stackalloc int[3];
        if (!TryPath(logical, indices, out var root, out var depth))
        {
            return FsError.FileTooLarge;
        }
        slot = new PointerSlot(0, root);
        ulong current = inode.GetBlock(root);
        for (var level = 0; level < depth; level++)
        {
            ulong next = 0;
            if (current == 0)
            {
                var error = allocator.Allocate(goal, out current);
                if (error != FsError.Success)
                {
                    return error;
                }
                error = store.WriteBlock(current, new byte[superblock.BlockSize]);
                if (error == FsError.Success)
                {
                    error = SetPointer(inode, slot, (uint)current);
                }
                if (error != FsError.Success)
                {
                    allocator.Free(current);
                    return error;
                }
                inode.Sectors += (ulong)(superblock.BlockSize / 512);
            }
            else if (!IsValidBlock(current))
            {
                return FsError.Corrupted;
            }
            else
            {
                var error = store.ViewBlock(current, out var block);
                if (error != FsError.Success)
                {
                    return error;
                }
                next = BinaryPrimitives.ReadUInt32LittleEndian(block[(indices[level] * 4)..]);
            }
            slot = new PointerSlot(current, indices[level]);
            current = next;
        }
        if (current != 0 && !IsValidBlock(current))
        {
            return FsError.Corrupted;
        }
        physical = current;
        return FsError.Success;
    }

    /// <summary>
    /// How many slots from <paramref name="slot"/> on, within its pointer block (or the inode's direct pointers),
    /// point at no block, up to <paramref name="limit"/>: the stretch of a hole one run of blocks can fill.
    /// </summary>
    public FsError CountEmptySlots(Inode inode, PointerSlot slot, int limit, out int count)
    {
        count = 0;
        if (slot.IndirectBlock == 0)
        {
            while (count < limit && slot.Index + count < Inode.DirectPointers && inode.GetBlock(slot.Index + count) == 0)
            {
                count++;
            }
            return FsError.Success;
        }
        var error = store.ViewBlock(slot.IndirectBlock, out var block);
        if (error != FsError.Success)
        {
            return error;
        }
        while (count < limit && slot.Index + count < _perBlock
            && BinaryPrimitives.ReadUInt32LittleEndian(block[((slot.Index + count) * 4)..]) == 0)
        {
            count++;
        }
        return FsError.Success;
    }

    /// <summary>Points <paramref name="count"/> slots from <paramref name="slot"/> on at the blocks from <paramref name="first"/> on, in one write of their pointer block.</summary>
    public FsError SetPointers(Inode inode, PointerSlot slot, ulong first, int count)
    {
        if (slot.IndirectBlock == 0)
        {
            for (var i = 0; i < count; i++)
            {
                inode.SetBlock(slot.Index + i, (uint)(first + (ulong)i));
            }
            return FsError.Success;
        }
        var pointers = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(pointers.AsSpan(i * 4), (uint)(first + (ulong)i));
        }
        return store.WriteBlockPart(slot.IndirectBlock, slot.Index * 4, pointers);
    }

    public FsError SetPointer(Inode inode, PointerSlot slot, uint value)
    {
        if (slot.IndirectBlock == 0)
        {
            inode.SetBlock(slot.Index, value);
            return FsError.Success;
        }
        var pointer = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(pointer, value);
        return store.WriteBlockPart(slot.IndirectBlock, slot.Index * 4, pointer);
    }

    /// <summary>
    /// Detaches every block at or past logical block <paramref name="keep"/>: pointers in kept indirect blocks are
    /// cleared on disk and those in the inode in memory; the detached blocks are returned for the caller to free
    /// once it has written the inode. Nothing is changed when the tree turns out damaged.
    /// </summary>
    public FsError Detach(Inode inode, ulong keep, List<ulong> detached)
    {
        var partial = new List<PointerSlot>();
        var budget = (long)superblock.BlocksCount;
        var p = (ulong)_perBlock;
        var firsts = new ulong[] { Inode.DirectPointers, Inode.DirectPointers + p, Inode.DirectPointers + p + p * p };
        for (var i = 0; i < Inode.DirectPointers; i++)
        {
            var pointer = inode.GetBlock(i);
            if ((ulong)i >= keep && pointer != 0)
            {
                if (!IsValidBlock(pointer))
                {
                    return FsError.Corrupted;
                }
                detached.Add(pointer);
            }
        }
        for (var depth = 1; depth <= 3; depth++)
        {
            var error = Collect(inode.GetBlock(Inode.DirectPointers + depth - 1), depth, firsts[depth - 1], keep, detached, partial, ref budget);
            if (error != FsError.Success)
            {
                return error;
            }
        }

        var block = new byte[superblock.BlockSize];
        foreach (var slot in partial)
        {
            var error = store.ReadBlock(slot.IndirectBlock, block);
            if (error != FsError.Success)
            {
                return error;
            }
            block.AsSpan(slot.Index * 4).Clear();
            error = store.WriteBlock(slot.IndirectBlock, block);
            if (error != FsError.Success)
            {
                return error;
            }
        }
        for (var i = 0; i < Inode.DirectPointers; i++)
        {
            if ((ulong)i >= keep)
            {
                inode.SetBlock(i, 0);
            }
        }
        for (var depth = 1; depth <= 3; depth++)
        {
            if (firsts[depth - 1] >= keep)
            {
                inode.SetBlock(Inode.DirectPointers + depth - 1, 0);
            }
        }
        return FsError.Success;
    }

    /// <summary>Gathers the subtree under <paramref name="pointer"/> (covering logical blocks from <paramref name="first"/>) past <paramref name="keep"/>.</summary>
    private FsError Collect(ulong pointer, int depth, ulong first, ulong keep, List<ulong> detached, List<PointerSlot> partial, ref long budget)
    {
        if (pointer == 0)
        {
            return FsError.Success;
        }
        if (!IsValidBlock(pointer) || --budget < 0)
        {
            return FsError.Corrupted;
        }
        if (depth == 0)
        {
            if (first >= keep)
            {
                detached.Add(pointer);
            }
            return FsError.Success;
        }
        var childSpan = 1UL;
        for (var i = 1; i < depth; i++)
        {
            childSpan *= (ulong)_perBlock;
        }
        if (first + (ulong)_perBlock * childSpan <= keep)
        {
            return FsError.Success;
        }
        var block = new byte[superblock.BlockSize];
        var error = store.ReadBlock(pointer, block);
        if (error != FsError.Success)
        {
            return error;
        }
        var startIndex = first >= keep ? 0 : (int)((keep - first) / childSpan);
        for (var i = startIndex; i < _perBlock; i++)
        {
            var child = BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(i * 4));
            error = Collect(child, depth - 1, first + (ulong)i * childSpan, keep, detached, partial, ref budget);
            if (error != FsError.Success)
            {
                return error;
            }
        }
        if (first >= keep)
        {
            detached.Add(pointer);
        }
        else
        {
            var firstFreed = (int)((keep - first + childSpan - 1) / childSpan);
            if (firstFreed < _perBlock)
            {
                partial.Add(new PointerSlot(pointer, firstFreed));
            }
        }
        return FsError.Success;
    }

    /// <summary>The i_block slot and indirect indices that lead to <paramref name="logical"/>; false past the triple indirect block.</summary>
    private bool TryPath(ulong logical, Span<int> indices, out int root, out int depth)
    {
        var p = (ulong)_perBlock;
        root = 0;
        depth = 0;
        if (logical < Inode.DirectPointers)
        {
            root = (int)logical;
            return true;
        }
        logical -= Inode.DirectPointers;
        if (logical < p)
        {
            root = 12;
            depth = 1;
            indices[0] = (int)logical;
            return true;
        }
        logical -= p;
        if (logical < p * p)
        {
            root = 13;
            depth = 2;
            indices[0] = (int)(logical / p);
            indices[1] = (int)(logical % p);
            return true;
        }
        logical -= p * p;
        if (logical < p * p * p)
        {
            root = 14;
            depth = 3;
            indices[0] = (int)(logical / (p * p));
            indices[1] = (int)(logical / p % p);
            indices[2] = (int)(logical % p);
            return true;
        }
        return false;
    }
}
