namespace Sharprun.Ext2.Fuzz;

/// <summary>An inode in use in a seed image: where its record starts in the image, and what it is.</summary>
public sealed record InodeRecord(uint Number, int Offset, ushort Mode, bool HasExtents)
{
    public bool IsDirectory => (Mode & 0xF000) == 0x4000;
}
