using Sharprun.Ext2.Disk;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Files;

/// <summary>A symbolic link's target: in i_block when shorter than 60 bytes with no data block ("fast"), else in its first block.</summary>
internal static class SymbolicLink
{
    public const int FastLimit = 60;

    public static bool IsFast(Ext2FileSystem fileSystem, Inode inode)
    {
        if ((inode.Flags & (Inode.ExtentsFlag | Inode.InlineDataFlag)) != 0 || inode.Size >= FastLimit)
        {
            return false;
        }
        var attributeSectors = inode.ExtendedAttributeBlock != 0 ? (ulong)(fileSystem.BlockSize / 512) : 0;
        return inode.Sectors == attributeSectors;
    }

    public static FsError Read(Ext2FileSystem fileSystem, Inode inode, out byte[] target)
    {
        target = [];
        var size = inode.Size;
        if (size == 0 || size > (ulong)fileSystem.BlockSize || (inode.Flags & Inode.InlineDataFlag) != 0)
        {
            return FsError.Corrupted;
        }
        if (IsFast(fileSystem, inode))
        {
            target = inode.BlockArea[..(int)size].ToArray();
            return FsError.Success;
        }
        var error = fileSystem.MapBlock(inode, 0, out var block);
        if (error != FsError.Success)
        {
            return error;
        }
        if (block == 0)
        {
            return FsError.Corrupted;
        }
        var buffer = new byte[fileSystem.BlockSize];
        error = fileSystem.Store.ReadBlock(block, buffer);
        if (error != FsError.Success)
        {
            return error;
        }
        target = buffer.AsSpan(0, (int)size).ToArray();
        return FsError.Success;
    }
}
