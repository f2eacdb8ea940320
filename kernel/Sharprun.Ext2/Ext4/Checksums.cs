using System.Buffers.Binary;
using Sharprun.Ext2.Disk;

namespace Sharprun.Ext2.Ext4;

/// <summary>metadata_csum verification of the superblock, group descriptors and inodes (crc32c, seeded by the UUID).</summary>
internal static class Checksums
{
    private const int InodeChecksumLow = 0x7C;
    private const int InodeChecksumHigh = 0x82;
    private const int GroupChecksum = 0x1E;

    public static bool SuperblockMatches(Superblock superblock) =>
        superblock.ChecksumType == 1 && Crc32c.Append(~0u, superblock.Raw[..0x3FC]) == superblock.Checksum;

    public static bool GroupDescriptorMatches(Superblock superblock, uint group, ReadOnlySpan<byte> descriptor)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(number, group);
        var crc = Crc32c.Append(Seed(superblock), number);
        crc = Crc32c.Append(crc, descriptor[..GroupChecksum]);
        crc = Crc32c.Append(crc, [0, 0]);
        crc = Crc32c.Append(crc, descriptor[(GroupChecksum + 2)..]);
        return (ushort)crc == BinaryPrimitives.ReadUInt16LittleEndian(descriptor[GroupChecksum..]);
    }

    public static bool InodeMatches(Superblock superblock, uint inodeNumber, ReadOnlySpan<byte> inode)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, inodeNumber);
        var crc = Crc32c.Append(Seed(superblock), word);
        crc = Crc32c.Append(crc, inode.Slice(0x64, 4));
        var hasHigh = inode.Length > 128 && BinaryPrimitives.ReadUInt16LittleEndian(inode[0x80..]) >= 4;
        crc = Crc32c.Append(crc, inode[..InodeChecksumLow]);
        crc = Crc32c.Append(crc, [0, 0]);
        if (hasHigh)
        {
            crc = Crc32c.Append(crc, inode[(InodeChecksumLow + 2)..InodeChecksumHigh]);
            crc = Crc32c.Append(crc, [0, 0]);
            crc = Crc32c.Append(crc, inode[(InodeChecksumHigh + 2)..]);
        }
        else
        {
            crc = Crc32c.Append(crc, inode[(InodeChecksumLow + 2)..]);
        }
        var stored = (uint)BinaryPrimitives.ReadUInt16LittleEndian(inode[InodeChecksumLow..]);
        if (hasHigh)
        {
            stored |= (uint)BinaryPrimitives.ReadUInt16LittleEndian(inode[InodeChecksumHigh..]) << 16;
            return stored == crc;
        }
        return stored == (crc & 0xFFFF);
    }

    private static uint Seed(Superblock superblock) =>
        (superblock.IncompatFeatures & FeatureNames.IncompatChecksumSeed) != 0
            ? superblock.ChecksumSeed
            : Crc32c.Append(~0u, superblock.Uuid);
}
