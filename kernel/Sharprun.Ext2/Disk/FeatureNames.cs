namespace Sharprun.Ext2.Disk;

/// <summary>The superblock's feature bits by name, so that a refused or read-only mount can say which one it met.</summary>
internal static class FeatureNames
{
    public const uint CompatHasJournal = 0x4;

    public const uint IncompatFileType = 0x2;
    public const uint IncompatRecover = 0x4;
    public const uint IncompatJournalDevice = 0x8;
    public const uint IncompatMetaBlockGroups = 0x10;
    public const uint IncompatExtents = 0x40;
    public const uint Incompat64Bit = 0x80;
    public const uint IncompatMultipleMountProtection = 0x100;
    public const uint IncompatFlexBlockGroups = 0x200;
    public const uint IncompatChecksumSeed = 0x2000;

    public const uint RoCompatSparseSuper = 0x1;
    public const uint RoCompatLargeFile = 0x2;
    public const uint RoCompatHugeFile = 0x8;
    public const uint RoCompatGroupDescriptorChecksum = 0x10;
    public const uint RoCompatDirectoryLinkCount = 0x20;
    public const uint RoCompatExtraInodeSize = 0x40;
    public const uint RoCompatMetadataChecksum = 0x400;

    /// <summary>What ext2 reads and writes.</summary>
    public const uint Ext2Incompat = IncompatFileType;
    public const uint Ext2RoCompat = RoCompatSparseSuper | RoCompatLargeFile;

    /// <summary>What the read-only ext4 reader understands beyond ext2.</summary>
    public const uint Ext4Incompat = IncompatExtents | Incompat64Bit | IncompatFlexBlockGroups | IncompatChecksumSeed
        | IncompatMultipleMountProtection;
    public const uint Ext4RoCompat = RoCompatHugeFile | RoCompatGroupDescriptorChecksum | RoCompatDirectoryLinkCount
        | RoCompatExtraInodeSize | RoCompatMetadataChecksum;

    public static string Incompat(uint bit) => bit switch
    {
        0x1 => "compression",
        IncompatFileType => "filetype",
        IncompatRecover => "needs_recovery",
        IncompatJournalDevice => "journal_dev",
        IncompatMetaBlockGroups => "meta_bg",
        IncompatExtents => "extent",
        Incompat64Bit => "64bit",
        IncompatMultipleMountProtection => "mmp",
        IncompatFlexBlockGroups => "flex_bg",
        0x400 => "ea_inode",
        0x1000 => "dirdata",
        IncompatChecksumSeed => "metadata_csum_seed",
        0x4000 => "large_dir",
        0x8000 => "inline_data",
        0x10000 => "encrypt",
        0x20000 => "casefold",
        _ => $"FEATURE_I{BitIndex(bit)}",
    };

    public static string RoCompat(uint bit) => bit switch
    {
        RoCompatSparseSuper => "sparse_super",
        RoCompatLargeFile => "large_file",
        0x4 => "btree_dir",
        RoCompatHugeFile => "huge_file",
        RoCompatGroupDescriptorChecksum => "uninit_bg",
        RoCompatDirectoryLinkCount => "dir_nlink",
        RoCompatExtraInodeSize => "extra_isize",
        0x80 => "snapshot",
        0x100 => "quota",
        0x200 => "bigalloc",
        RoCompatMetadataChecksum => "metadata_csum",
        0x800 => "replica",
        0x1000 => "read-only",
        0x2000 => "project",
        0x4000 => "shared_blocks",
        0x8000 => "verity",
        0x10000 => "orphan_present",
        _ => $"FEATURE_R{BitIndex(bit)}",
    };

    /// <summary>The lowest set bit of <paramref name="features"/>, 0 when none.</summary>
    public static uint LowestBit(uint features) => features & (~features + 1);

    private static int BitIndex(uint bit) => System.Numerics.BitOperations.TrailingZeroCount(bit);
}
