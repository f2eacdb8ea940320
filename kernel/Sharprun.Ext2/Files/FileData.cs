using Sharprun.Ext2.Disk;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Files;

/// <summary>
/// A regular file's bytes. Reads fill holes with zeros. Writes put each data block on disk before the pointer to
/// it (new blocks are allocated in the bitmap first), and the caller's inode (size, pointers) goes last.
/// </summary>
internal static class FileData
{
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
        var block = new byte[blockSize];
        while (read < count)
        {
            var position = offset + read;
            var within = (int)(position % blockSize);
            var chunk = Math.Min(count - read, blockSize - within);
            var error = fileSystem.MapBlock(inode, (ulong)(position / blockSize), out var physical);
            if (error == FsError.Success && physical != 0)
            {
                error = fileSystem.Store.ReadBlock(physical, block);
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
                block.AsSpan(within, chunk).CopyTo(buffer[read..]);
            }
            read += chunk;
        }
        return FsError.Success;
    }

    /// <summary>Writes and extends; the inode is changed in memory and the caller stores it.</summary>
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
        var block = new byte[blockSize];
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
                result = fileSystem.Blocks.Allocate(goal, out physical);
                if (result != FsError.Success)
                {
                    break;
                }
                Array.Clear(block);
                data.Slice(written, chunk).CopyTo(block.AsSpan(within));
                result = fileSystem.Store.WriteBlock(physical, block);
                if (result == FsError.Success)
                {
                    result = map.SetPointer(inode, slot, (uint)physical);
                }
                if (result != FsError.Success)
                {
                    fileSystem.Blocks.Free(physical);
                    break;
                }
                inode.Sectors += (ulong)(blockSize / 512);
            }
            else
            {
                if (chunk < blockSize)
                {
                    result = fileSystem.Store.ReadBlock(physical, block);
                    if (result != FsError.Success)
                    {
                        break;
                    }
                }
                data.Slice(written, chunk).CopyTo(block.AsSpan(within));
                result = fileSystem.Store.WriteBlock(physical, block);
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
}
