namespace Sharprun.Ext2.Format;

/// <summary>Where one block group's metadata goes, and how many blocks it spans (the last group may be short).</summary>
internal readonly record struct GroupLayout(
    uint Group,
    ulong FirstBlock,
    uint BlockCount,
    bool HasSuperblock,
    ulong BlockBitmap,
    ulong InodeBitmap,
    ulong InodeTable)
{
    /// <summary>The first block after the group's metadata: where its data may start.</summary>
    public ulong FirstDataBlock(uint inodeTableBlocks) => InodeTable + inodeTableBlocks;
}
