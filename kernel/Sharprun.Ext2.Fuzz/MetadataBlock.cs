namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// A metadata block of a seed image, with the blocks above it on the way from its inode (outermost first), so a
/// mutation can point it at itself or at an ancestor and make a loop.
/// </summary>
public sealed record MetadataBlock(long Block, MetadataKind Kind, uint Inode, long[] Ancestors);
