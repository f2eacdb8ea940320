using Sharprun.Ext2.Disk;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Files;

/// <summary>
/// A regular file's bytes. Reads fill holes with zeros. Writes put each data block on disk before the pointer to
/// it (new blocks are allocated in the bitmap first), and the caller's inode (size, pointers) goes last.
/// </summary>
internal static class FileData
{
    /// <summary>The most blocks one read request carries: 1 MiB of 4 KiB blocks.</summary>
    private const int LargestReadRun = 256;

    public static FsError Read(Ext2FileSystem fileSystem, Inode inode, long offset, Span<byte> buffer, out int read)
    {
        read = 0;
        var size = (long)Math.Min(inode.Size, long.MaxValue);
        if (offset >= size || buffer.IsEmpty)
        {
            return FsError.Success;
        }
        var count = (int)Math.Min(buffer.Length, size - offset);
        var blockSize = fileSystem.BlockSize;
        byte[]? block = null;
        while (read < count)
        {
            var position = offset + read;
            var within = (int)(position % blockSize);
            var chunk = Math.Min(count - read, blockSize - within);
            var logical = (ulong)(position / blockSize);
            var error = fileSystem.MapBlock(inode, logical, out var physical);
            if (error == FsError.Success && physical != 0 && within == 0 && chunk == blockSize)
            {
                // Whole blocks go straight into the caller's buffer, a run of consecutive ones in one request.
                var run = WholeBlockRun(fileSystem, inode, logical, physical, (count - read) / blockSize, out error);
                if (error == FsError.Success)
                {
                    error = fileSystem.Store.ReadDataBlocks(physical, run, buffer[read..]);
                }
                if (error != FsError.Success)
                {
                    return read > 0 ? FsError.Success : error;
                }
                read += run * blockSize;
                continue;
            }
            if (error == FsError.Success && physical != 0)
            {
                block ??= new byte[blockSize];
                error = fileSystem.Store.ReadDataBlocks(physical, 1, block);
            }
            if (error != FsError.Success)
            {
                return read > 0 ? FsError.Success : error;
            }
            if (physical == 0)
            {
                buffer.Slice(read, chunk).Clear();
            }
            else
            {
                block!.AsSpan(within, chunk).CopyTo(buffer[read..]);
            }
            read += chunk;
        }
        return FsError.Success;
    }

    /// <summary>How many of the next <paramref name="limit"/> logical blocks from <paramref name="logical"/> (at <paramref name="physical"/>) lie one after another on disk, at most <see cref="LargestReadRun"/>.</summary>
    private static int WholeBlockRun(Ext2FileSystem fileSystem, Inode inode, ulong logical, ulong physical, int limit, out FsError error)
    {
        error = FsError.Success;
        limit = Math.Min(limit, LargestReadRun);
        var run = 1;
        while (run < limit)
        {
            error = fileSystem.MapBlock(inode, logical + (ulong)run, out var next);
            if (error != FsError.Success || next != physical + (ulong)run)
            {
                error = FsError.Success;
                break;
            }
            run++;
        }
        return run;
    }

    /// <summary>
    /// Writes and extends; the inode is changed in memory and the caller stores it. A hole is filled a run of
    /// blocks at a time (<see cref="FillHole"/>), so a large write changes the bitmap, the group descriptor and the
    /// pointer block once per run instead of once per block.
    /// </summary>
    public static FsError Write(Ext2FileSystem fileSystem, Inode inode, long offset, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        var maximum = fileSystem.MaximumFileSize;
        if (offset >= maximum)
        {
            return data.IsEmpty ? FsError.Success : FsError.FileTooLarge;
        }
        if (data.Length > maximum - offset)
        {
            data = data[..(int)(maximum - offset)];
        }
        var blockSize = fileSystem.BlockSize;
        byte[]? block = null;
        var map = fileSystem.IndirectMap;
        var superblock = fileSystem.Superblock;
        var group = (inode.Number - 1) / superblock.InodesPerGroup;
        var goal = superblock.FirstDataBlock + (ulong)group * superblock.BlocksPerGroup;
        var result = FsError.Success;
        while (written < data.Length)
        {
            var position = offset + written;
            var within = (int)(position % blockSize);
            var chunk = Math.Min(data.Length - written, blockSize - within);
            var logical = (ulong)(position / blockSize);
            result = map.MapForWrite(inode, logical, goal, out var physical, out var slot);
            if (result != FsError.Success)
            {
                break;
            }
            if (physical == 0)
            {
                result = FillHole(fileSystem, inode, slot, goal, data[written..], within, out var first, out var count, out chunk);
                if (result != FsError.Success)
                {
                    break;
                }
                physical = first + (ulong)count - 1;
            }
            else if (chunk == blockSize)
            {
                result = fileSystem.Store.WriteDataBlocks(physical, 1, data.Slice(written, chunk));
                if (result != FsError.Success)
                {
                    break;
                }
            }
            else
            {
                block ??= new byte[blockSize];
                result = fileSystem.Store.ReadDataBlocks(physical, 1, block);
                if (result != FsError.Success)
                {
                    break;
                }
                data.Slice(written, chunk).CopyTo(block.AsSpan(within));
                result = fileSystem.Store.WriteDataBlocks(physical, 1, block);
                if (result != FsError.Success)
                {
                    break;
                }
            }
            goal = physical + 1;
            written += chunk;
        }
        var end = (ulong)(offset + written);
        if (end > inode.Size)
        {
            inode.Size = end;
        }
        return written > 0 ? FsError.Success : result;
    }

    /// <summary>The most blocks one hole-filling run allocates: a pointer block's worth at 4 KiB blocks.</summary>
    private const int LargestRun = 1024;

    /// <summary>
    /// Fills the hole at <paramref name="slot"/>, and the empty slots after it that <paramref name="data"/> reaches,
    /// with one run of newly allocated blocks, in ext2's safe order: the bitmap marks them used, the data goes into
    /// them, and only then do the pointers name them. <paramref name="covered"/> is how many bytes of data went in.
    /// </summary>
    private static FsError FillHole(Ext2FileSystem fileSystem, Inode inode, PointerSlot slot, ulong goal, ReadOnlySpan<byte> data,
        int within, out ulong first, out int count, out int covered)
    {
        first = 0;
        count = 0;
        covered = 0;
        var blockSize = fileSystem.BlockSize;
        var reached = (int)Math.Min(LargestRun, ((long)within + data.Length + blockSize - 1) / blockSize);
        var result = fileSystem.IndirectMap.CountEmptySlots(inode, slot, reached, out var empty);
        if (result != FsError.Success)
        {
            return result;
        }
        result = fileSystem.Blocks.AllocateRun(goal, Math.Max(empty, 1), out first, out count);
        if (result != FsError.Success)
        {
            return result;
        }
        byte[]? block = null;
        for (var i = 0; i < count && result == FsError.Success;)
        {
            var start = i == 0 ? within : 0;
            var remaining = data.Length - covered;
            if (start == 0 && remaining >= blockSize)
            {
                // Whole blocks go from the caller's data in one request; only a partial first or last one is staged.
                var whole = Math.Min(count - i, remaining / blockSize);
                result = fileSystem.Store.WriteDataBlocks(first + (ulong)i, whole, data.Slice(covered, whole * blockSize));
                covered += whole * blockSize;
                i += whole;
                continue;
            }
            var chunk = Math.Min(remaining, blockSize - start);
            block ??= new byte[blockSize];
            Array.Clear(block);
            data.Slice(covered, chunk).CopyTo(block.AsSpan(start));
            result = fileSystem.Store.WriteDataBlocks(first + (ulong)i, 1, block);
            covered += chunk;
            i++;
        }
        if (result == FsError.Success)
        {
            result = fileSystem.IndirectMap.SetPointers(inode, slot, first, count);
        }
        if (result != FsError.Success)
        {
            for (var i = 0; i < count; i++)
            {
                fileSystem.Blocks.Free(first + (ulong)i);
            }
            covered = 0;
            return result;
        }
        inode.Sectors += (ulong)count * (ulong)(blockSize / 512);
        return FsError.Success;
    }
}
