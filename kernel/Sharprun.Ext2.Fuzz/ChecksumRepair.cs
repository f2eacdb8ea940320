using System.Buffers.Binary;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Recomputes the metadata_csum checksums the file system verifies (superblock, group descriptors, inodes) after a
/// mutation, so a damaged field reaches the parser behind the checksum instead of stopping at the mismatch. The
/// seed's geometry says where the structures are: a mutated geometry would only move the repair onto noise.
/// </summary>
public static class ChecksumRepair
{
    private const int SuperblockChecksum = 0x3FC;
    private const int DescriptorChecksum = 0x1E;
    private const int InodeChecksumLow = 0x7C;
    private const int InodeChecksumHigh = 0x82;

    public static void Apply(byte[] image, ImageLayout layout)
    {
        var superblock = image.AsSpan(ImageLayout.SuperblockOffset, 1024);
        var seed = layout.HasChecksumSeed ? BinaryPrimitives.ReadUInt32LittleEndian(superblock[0x270..]) : Crc32c.Append(~0u, superblock.Slice(0x68, 16));
        Span<byte> number = stackalloc byte[4];
        for (var group = 0; group < layout.GroupCount; group++)
        {
            var descriptor = image.AsSpan(layout.DescriptorTableOffset + group * layout.DescriptorSize, layout.DescriptorSize);
            BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)group);
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor[DescriptorChecksum..], 0);
            var crc = Crc32c.Append(Crc32c.Append(seed, number), descriptor);
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor[DescriptorChecksum..], (ushort)crc);
        }
        for (uint inode = 1; inode <= layout.InodesPerGroup * (uint)layout.GroupCount; inode++)
        {
            RepairInode(image.AsSpan(layout.InodeOffset(inode), layout.InodeSize), inode, seed);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(superblock[SuperblockChecksum..], Crc32c.Append(~0u, superblock[..SuperblockChecksum]));
    }

    private static void RepairInode(Span<byte> inode, uint number, uint seed)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, number);
        var hasHigh = inode.Length > 128 && BinaryPrimitives.ReadUInt16LittleEndian(inode[0x80..]) >= 4;
        BinaryPrimitives.WriteUInt16LittleEndian(inode[InodeChecksumLow..], 0);
        if (hasHigh)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(inode[InodeChecksumHigh..], 0);
        }
        var crc = Crc32c.Append(Crc32c.Append(Crc32c.Append(seed, word), inode.Slice(0x64, 4)), inode);
        BinaryPrimitives.WriteUInt16LittleEndian(inode[InodeChecksumLow..], (ushort)crc);
        if (hasHigh)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(inode[InodeChecksumHigh..], (ushort)(crc >> 16));
        }
    }
}
