namespace Sharprun.Ext2.Fuzz;

/// <summary>What a block found in a seed image holds, so mutations can aim at what its parser expects.</summary>
public enum MetadataKind
{
    Directory,
    HashedDirectoryRoot,
    Indirect,
    ExtentNode,
}
