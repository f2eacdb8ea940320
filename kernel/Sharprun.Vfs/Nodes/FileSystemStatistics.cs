namespace Sharprun.Vfs.Nodes;

/// <summary>What statfs(2) reports: sizes in blocks of <see cref="BlockSize"/> bytes; <see cref="Magic"/> is Linux's f_type.</summary>
public readonly record struct FileSystemStatistics(
    long Magic,
    int BlockSize,
    long TotalBlocks,
    long FreeBlocks,
    long AvailableBlocks,
    long TotalNodes,
    long FreeNodes,
    int MaximumNameLength);
