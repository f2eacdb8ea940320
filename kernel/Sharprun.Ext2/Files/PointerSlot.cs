namespace Sharprun.Ext2.Files;

/// <summary>Where a block pointer lives: i_block[<see cref="Index"/>] when <see cref="IndirectBlock"/> is 0, else a slot of that indirect block.</summary>
internal readonly record struct PointerSlot(ulong IndirectBlock, int Index);
