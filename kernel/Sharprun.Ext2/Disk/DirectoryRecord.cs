namespace Sharprun.Ext2.Disk;

/// <summary>One linear directory entry inside a directory block; <see cref="Inode"/> 0 marks unused space.</summary>
internal readonly record struct DirectoryRecord(int Offset, uint Inode, int Length, int NameLength, byte FileType)
{
    public int NameOffset => Offset + 8;

    /// <summary>What this entry needs for itself; the rest of <see cref="Length"/> is free for a new entry.</summary>
    public int UsedLength => Inode == 0 ? 0 : DirectoryBlock.LengthFor(NameLength);
}
