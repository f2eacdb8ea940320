namespace Sharprun.Ext2.Disk;

/// <summary>One block group's descriptor: where its bitmaps and inode table are, and its free counts.</summary>
internal sealed class GroupDescriptor
{
    public ulong BlockBitmap { get; init; }
    public ulong InodeBitmap { get; init; }
    public ulong InodeTable { get; init; }
    public uint FreeBlocks { get; set; }
    public uint FreeInodes { get; set; }
    public uint UsedDirectories { get; set; }
    public ushort Flags { get; init; }
}
