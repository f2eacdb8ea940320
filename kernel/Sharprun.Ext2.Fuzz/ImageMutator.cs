using System.Buffers.Binary;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Damages a copy of a seed image where the file system's parsers look: superblock fields and feature bits, group
/// descriptors, inode fields, directory records and hash-tree roots, indirect blocks and extent nodes (with loops:
/// pointers to themselves or their ancestors), copies of one metadata block or inode over another, and byte flips.
/// </summary>
public sealed class ImageMutator(SeedImage seed)
{
    private static readonly (int Offset, int Width)[] SuperblockFields =
    [
        (0, 4), (4, 4), (8, 4), (12, 4), (16, 4), (20, 4), (24, 4), (28, 4), (32, 4), (36, 4), (40, 4), (56, 2),
        (58, 2), (60, 2), (76, 4), (84, 4), (88, 2), (90, 2), (92, 4), (96, 4), (100, 4), (0xCE, 2), (0xE0, 4),
        (0xFC, 1), (0xFE, 2), (0x104, 4), (0x150, 4), (0x154, 4), (0x158, 4), (0x15C, 2), (0x15E, 2), (0x174, 1),
        (0x175, 1), (0x270, 4),
    ];

    private static readonly (int Offset, int Width)[] DescriptorFields =
    [
        (0, 4), (4, 4), (8, 4), (12, 2), (14, 2), (16, 2), (18, 2), (28, 2), (0x20, 4), (0x24, 4), (0x28, 4), (0x2C, 2),
    ];

    private static readonly (int Offset, int Width)[] InodeFields =
    [
        (0, 2), (4, 4), (26, 2), (28, 4), (32, 4), (40, 4), (44, 4), (84, 4), (88, 4), (92, 4), (96, 4), (104, 4),
        (108, 4), (0x74, 2), (0x76, 2), (0x80, 2),
    ];

    private static readonly uint[] FeatureBits = [.. Enumerable.Range(0, 18).Select(bit => 1u << bit)];

    private static readonly uint[] InodeFlags = [0x1000, 0x40000, 0x80000, 0x10000000, 0x10, 0x20];

    private readonly ImageLayout _layout = seed.Layout;

    public void Mutate(byte[] image, Random random)
    {
        // Mostly a few changes (most superblock and descriptor damage refuses the mount, which ends the image's run
        // early), now and then many.
        var count = 1 + random.Next(3) + (random.Next(8) == 0 ? random.Next(12) : 0);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(100))
            {
                case < 7: SuperblockField(image, random); break;
                case < 10: FeatureBit(image, random); break;
                case < 18: DescriptorField(image, random); break;
                case < 38: InodeField(image, random); break;
                case < 55: DirectoryRecord(image, random); break;
                case < 68: IndirectPointer(image, random); break;
                case < 80: ExtentNode(image, random); break;
                case < 84: CopyBlock(image, random); break;
                case < 87: CopyInode(image, random); break;
                case < 96: FlipMetadata(image, random); break;
                default: FlipAnywhere(image, random); break;
            }
        }
        if (_layout.HasMetadataChecksum && random.Next(4) != 0)
        {
            ChecksumRepair.Apply(image, _layout);
        }
    }

    private void SuperblockField(byte[] image, Random random)
    {
        var (offset, width) = SuperblockFields[random.Next(SuperblockFields.Length)];
        Write(image, ImageLayout.SuperblockOffset + offset, width, Interesting(Read(image, ImageLayout.SuperblockOffset + offset, width), width, random));
    }

    private static void FeatureBit(byte[] image, Random random)
    {
        var at = ImageLayout.SuperblockOffset + 92 + 4 * random.Next(3);
        Write(image, at, 4, Read(image, at, 4) ^ FeatureBits[random.Next(FeatureBits.Length)]);
    }

    private void DescriptorField(byte[] image, Random random)
    {
        var (offset, width) = DescriptorFields[random.Next(DescriptorFields.Length)];
        if (offset + width > _layout.DescriptorSize)
        {
            offset %= 32;
        }
        var at = _layout.DescriptorTableOffset + random.Next(_layout.GroupCount) * _layout.DescriptorSize + offset;
        var value = width == 4 && offset < 12 && random.Next(2) == 0 ? BlockTarget(random, null) : Interesting(Read(image, at, width), width, random);
        Write(image, at, width, value);
    }

    private void InodeField(byte[] image, Random random)
    {
        var inode = _layout.Inodes[random.Next(_layout.Inodes.Count)];
        var (offset, width) = InodeFields[random.Next(InodeFields.Length)];
        if (offset + width > _layout.InodeSize)
        {
            offset = 4;
        }
        var at = inode.Offset + offset;
        var current = Read(image, at, width);
        var value = offset switch
        {
            0 => random.Next(2) == 0 ? (current & 0x0FFF) | (uint)random.Next(16) << 12 : Interesting(current, width, random),
            32 => current ^ InodeFlags[random.Next(InodeFlags.Length)],
            >= 40 and < 100 when !inode.HasExtents => BlockTarget(random, _layout.Blocks.FirstOrDefault(block => block.Inode == inode.Number)),
            _ => Interesting(current, width, random),
        };
        Write(image, at, width, value);
    }

    private void DirectoryRecord(byte[] image, Random random)
    {
        if (Pick(random, seed.DirectoryBlocks) is not { } block)
        {
            return;
        }
        var start = (int)(block.Block * _layout.BlockSize);
        if (block.Kind == MetadataKind.HashedDirectoryRoot && random.Next(2) == 0)
        {
            // dx_root: the info after "." and ".." (hash version, info length, levels), then limit, count and entries.
            var field = random.Next(0x18, 0x40) & ~1;
            var width = random.Next(2) == 0 ? 2 : 4;
            var value = random.Next(3) == 0 ? (uint)block.Block : Interesting(Read(image, start + field, width), width, random);
            Write(image, start + field, width, value);
            return;
        }
        // Walk the seed's records (rec_len is trusted there) to a random one, then damage one of its fields.
        var records = new List<int>();
        for (var at = 0; at + 8 <= _layout.BlockSize && records.Count < 512;)
        {
            records.Add(at);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(seed.Image.AsSpan(start + at + 4));
            if (length < 8)
            {
                break;
            }
            at += length;
        }
        var record = start + records[random.Next(records.Count)];
        switch (random.Next(5))
        {
            case 0:
                // Another directory, the root or the block's own directory: loops and hard links to directories.
                var target = random.Next(3) switch { 0 => 2u, 1 => block.Inode, _ => _layout.Inodes[random.Next(_layout.Inodes.Count)].Number };
                Write(image, record, 4, random.Next(4) == 0 ? Interesting(target, 4, random) : target);
                break;
            case 1 or 2: Write(image, record + 4, 2, Interesting(Read(image, record + 4, 2), 2, random)); break;
            case 3: image[record + 6] = (byte)Interesting(image[record + 6], 1, random); break;
            default: image[record + 7] = (byte)random.Next(256); break;
        }
    }

    private void IndirectPointer(byte[] image, Random random)
    {
        if (Pick(random, seed.IndirectBlocks) is not { } block)
        {
            return;
        }
        var start = (int)(block.Block * _layout.BlockSize);
        var value = BlockTarget(random, block);
        switch (random.Next(4))
        {
            case 0:
                // Every slot: a loop the walk cannot leave by skipping one pointer.
                for (var slot = 0; slot < _layout.BlockSize / 4; slot++)
                {
                    Write(image, start + slot * 4, 4, value);
                }
                break;
            default:
                Write(image, start + 4 * random.Next(random.Next(2) == 0 ? 4 : _layout.BlockSize / 4), 4, value);
                break;
        }
    }

    private void ExtentNode(byte[] image, Random random)
    {
        var node = Pick(random, seed.ExtentNodes);
        int start;
        if (node is not null && random.Next(2) == 0)
        {
            start = (int)(node.Block * _layout.BlockSize);
        }
        else
        {
            if (seed.ExtentInodes.Count == 0)
            {
                return;
            }
            var inode = seed.ExtentInodes[random.Next(seed.ExtentInodes.Count)];
            start = inode.Offset + 40;
            node = _layout.Blocks.FirstOrDefault(block => block.Inode == inode.Number && block.Kind == MetadataKind.ExtentNode);
        }
        int entries = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(start + 2));
        var entry = start + 12 + 12 * random.Next(Math.Max(1, Math.Min(entries, 4)));
        switch (random.Next(6))
        {
            case 0:
                // Header: magic, entries, max, depth.
                var field = 2 * random.Next(4);
                Write(image, start + field, 2, Interesting(Read(image, start + field, 2), 2, random));
                break;
            case 1:
                // A leaf turned index (or an index one level deeper) whose child is itself or its parent: a loop.
                Write(image, start + 6, 2, Read(image, start + 6, 2) + 1);
                Write(image, entry + 4, 4, (uint)(node?.Ancestors.LastOrDefault(node.Block) ?? 0));
                Write(image, entry + 8, 2, 0);
                break;
            case 2:
                // An index entry's child, or a leaf's start: itself, an ancestor, metadata, outside the disk.
                Write(image, entry + (random.Next(2) == 0 ? 4 : 8), 4, BlockTarget(random, node));
                break;
            case 3:
                // ee_len: zero, huge, uninitialized, or running past the disk.
                Write(image, entry + 4, 2, Interesting(Read(image, entry + 4, 2), 2, random));
                break;
            case 4:
                // Logical starts out of order or overlapping.
                Write(image, entry, 4, Interesting(Read(image, entry, 4), 4, random));
                break;
            default:
                Write(image, entry + 6, 2, Interesting(Read(image, entry + 6, 2), 2, random));
                break;
        }
    }

    private void CopyBlock(byte[] image, Random random)
    {
        if (_layout.Blocks.Count == 0)
        {
            return;
        }
        var from = random.Next(2) == 0
            ? _layout.Blocks[random.Next(_layout.Blocks.Count)].Block
            : _layout.FixedMetadata[random.Next(_layout.FixedMetadata.Count)];
        var to = _layout.Blocks[random.Next(_layout.Blocks.Count)].Block;
        seed.Image.AsSpan((int)(from * _layout.BlockSize), _layout.BlockSize).CopyTo(image.AsSpan((int)(to * _layout.BlockSize)));
    }

    private void CopyInode(byte[] image, Random random)
    {
        var from = _layout.Inodes[random.Next(_layout.Inodes.Count)];
        var to = _layout.Inodes[random.Next(_layout.Inodes.Count)];
        seed.Image.AsSpan(from.Offset, _layout.InodeSize).CopyTo(image.AsSpan(to.Offset));
    }

    private void FlipMetadata(byte[] image, Random random)
    {
        var flips = 1 + random.Next(16);
        for (var i = 0; i < flips; i++)
        {
            int at = random.Next(4) switch
            {
                0 => ImageLayout.SuperblockOffset + random.Next(1024),
                1 => _layout.DescriptorTableOffset + random.Next(_layout.GroupCount * _layout.DescriptorSize),
                2 => _layout.Inodes[random.Next(_layout.Inodes.Count)].Offset + random.Next(_layout.InodeSize),
                _ when _layout.Blocks.Count == 0 => 0,
                _ => (int)(_layout.Blocks[random.Next(_layout.Blocks.Count)].Block * _layout.BlockSize) + random.Next(_layout.BlockSize),
            };
            image[at] ^= (byte)(1 << random.Next(8));
        }
    }

    private static void FlipAnywhere(byte[] image, Random random)
    {
        var flips = 1 + random.Next(32);
        for (var i = 0; i < flips; i++)
        {
            image[random.Next(image.Length)] = (byte)random.Next(256);
        }
    }

    private static MetadataBlock? Pick(Random random, IReadOnlyList<MetadataBlock> candidates) =>
        candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];

    /// <summary>A block number worth pointing at: the block itself, an ancestor, metadata, another file's block, the edges of the disk.</summary>
    private uint BlockTarget(Random random, MetadataBlock? block) => random.Next(7) switch
    {
        0 when block is not null => (uint)block.Block,
        1 when block is { Ancestors.Length: > 0 } => (uint)block.Ancestors[random.Next(block.Ancestors.Length)],
        2 => (uint)_layout.FixedMetadata[random.Next(_layout.FixedMetadata.Count)],
        3 when _layout.Blocks.Count > 0 => (uint)_layout.Blocks[random.Next(_layout.Blocks.Count)].Block,
        4 => (uint)(_layout.BlockCount - 1 + random.Next(3)),
        5 => (uint)random.Next(2),
        _ => Interesting(0, 4, random),
    };

    private static uint Interesting(uint current, int width, Random random)
    {
        var mask = width == 4 ? uint.MaxValue : (1u << (8 * width)) - 1;
        uint value = random.Next(10) switch
        {
            0 => 0,
            1 => 1,
            2 => mask,
            3 => mask >> 1,
            4 => (mask >> 1) + 1,
            5 => current + (uint)random.Next(1, 4),
            6 => current - (uint)random.Next(1, 4),
            7 => current ^ (1u << random.Next(8 * width)),
            8 => current * 2 + 1,
            _ => (uint)random.NextInt64(),
        };
        return value & mask;
    }

    private static uint Read(byte[] image, int at, int width) => width switch
    {
        1 => image[at],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(at)),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at)),
    };

    private static void Write(byte[] image, int at, int width, uint value)
    {
        switch (width)
        {
            case 1: image[at] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(at), (ushort)value); break;
            default: BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), value); break;
        }
    }
}
