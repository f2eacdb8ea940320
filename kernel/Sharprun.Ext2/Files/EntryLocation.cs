namespace Sharprun.Ext2.Files;

/// <summary>Where a directory entry was found: its block, its offset, the offset of the entry before it in the block (-1 when first).</summary>
internal readonly record struct EntryLocation(ulong Block, int Offset, int PreviousOffset, uint Inode, byte FileType);
