namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// An AFL++ input, small where an image is not: byte 0 picks the seed (its top bit: recompute metadata_csum
/// checksums afterwards), then each 4-byte record sets one byte of the seed's metadata — a region (the superblock,
/// the descriptor table, an inode in use, a directory, indirect or extent block, by the seed's layout), a 16-bit
/// offset within it, the value. AFL's mutations so land in metadata, and its coverage tells which bytes matter.
/// </summary>
public static class AflInput
{
    private const int RecordLength = 4;

    public static byte[] Decode(IReadOnlyList<SeedImage> seeds, ReadOnlySpan<byte> input)
    {
        var header = input.IsEmpty ? (byte)0 : input[0];
        var seed = seeds[(header & 0x7F) % seeds.Count];
        var layout = seed.Layout;
        var image = seed.Image.ToArray();
        var regions = 2 + layout.Inodes.Count + layout.Blocks.Count;
        for (var at = 1; at + RecordLength <= input.Length; at += RecordLength)
        {
            var region = input[at] % regions;
            var (start, length) = region switch
            {
                0 => (ImageLayout.SuperblockOffset, 1024),
                1 => (layout.DescriptorTableOffset, layout.GroupCount * layout.DescriptorSize),
                _ when region - 2 < layout.Inodes.Count => (layout.Inodes[region - 2].Offset, layout.InodeSize),
                _ => ((int)(layout.Blocks[region - 2 - layout.Inodes.Count].Block * layout.BlockSize), layout.BlockSize),
            };
            image[start + (input[at + 1] | input[at + 2] << 8) % length] = input[at + 3];
        }
        if (layout.HasMetadataChecksum && (header & 0x80) != 0)
        {
            ChecksumRepair.Apply(image, layout);
        }
        return image;
    }
}
