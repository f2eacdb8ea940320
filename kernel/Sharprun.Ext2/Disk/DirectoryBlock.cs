using System.Buffers.Binary;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Disk;

/// <summary>
/// Parsing and writing the linear entries of one directory block (inode, rec_len, name_len, file type, name).
/// Every record is checked before use: rec_len aligned, at least the header and the name, and within the block; the
/// inode number within the file system. Hashed (dir_index) blocks read the same way: their index hides in empty records.
/// </summary>
internal static class DirectoryBlock
{
    public const int HeaderLength = 8;
    public const int MaximumNameLength = 255;

    public static int LengthFor(int nameLength) => (HeaderLength + nameLength + 3) & ~3;

    public static FsError TryRead(ReadOnlySpan<byte> block, int offset, bool hasFileType, uint inodesCount, out DirectoryRecord record)
    {
        record = default;
        if (offset < 0 || offset > block.Length - HeaderLength)
        {
            return FsError.Corrupted;
        }
        var inode = BinaryPrimitives.ReadUInt32LittleEndian(block[offset..]);
        var length = (int)BinaryPrimitives.ReadUInt16LittleEndian(block[(offset + 4)..]);
        if (block.Length == 65536 && (length == 65535 || length == 0))
        {
            length = 65536;
        }
        int nameLength = block[offset + 6];
        var fileType = block[offset + 7];
        if (!hasFileType)
        {
            if (fileType != 0)
            {
                return FsError.Corrupted;
            }
            fileType = 0;
        }
        if (length < HeaderLength || (length & 3) != 0 || length > block.Length - offset)
        {
            return FsError.Corrupted;
        }
        if (HeaderLength + nameLength > length || inode > inodesCount || (inode != 0 && nameLength == 0))
        {
            return FsError.Corrupted;
        }
        record = new DirectoryRecord(offset, inode, length, nameLength, fileType);
        return FsError.Success;
    }

    public static void Write(Span<byte> block, int offset, uint inode, int length, ReadOnlySpan<byte> name, byte fileType)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(block[offset..], inode);
        BinaryPrimitives.WriteUInt16LittleEndian(block[(offset + 4)..], (ushort)(length == 65536 ? 65535 : length));
        block[offset + 6] = (byte)name.Length;
        block[offset + 7] = fileType;
        name.CopyTo(block[(offset + HeaderLength)..]);
        block.Slice(offset + HeaderLength + name.Length, LengthFor(name.Length) - HeaderLength - name.Length).Clear();
    }

    public static void SetLength(Span<byte> block, int offset, int length) =>
        BinaryPrimitives.WriteUInt16LittleEndian(block[(offset + 4)..], (ushort)(length == 65536 ? 65535 : length));

    public static void SetInode(Span<byte> block, int offset, uint inode, byte fileType)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(block[offset..], inode);
        block[offset + 7] = fileType;
    }
}
