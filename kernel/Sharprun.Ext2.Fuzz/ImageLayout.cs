using System.Buffers.Binary;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// Where a pristine seed image keeps its metadata: geometry, group descriptors, the inodes in use, and the
/// directory, indirect and extent blocks reachable from them. Read once per seed (mke2fs made it, so it is trusted,
/// though still read with bounds) and shared by every mutation of that seed.
/// </summary>
public sealed class ImageLayout
{
    public const int SuperblockOffset = 1024;
    private const uint Incompat64Bit = 0x80;
    private const uint IncompatChecksumSeed = 0x2000;
    private const uint RoCompatMetadataChecksum = 0x400;
    private const uint IndexedDirectoryFlag = 0x1000;
    private const uint ExtentsFlag = 0x80000;
    private const ushort ExtentMagic = 0xF30A;

    private readonly byte[] _image;
    private readonly List<InodeRecord> _inodes = [];
    private readonly List<MetadataBlock> _blocks = [];
    private readonly List<long> _fixedMetadata = [];

    public ImageLayout(byte[] image)
    {
        _image = image;
        var superblock = image.AsSpan(SuperblockOffset, 1024);
        var incompat = U32(superblock, 96);
        Is64Bit = (incompat & Incompat64Bit) != 0;
        HasChecksumSeed = (incompat & IncompatChecksumSeed) != 0;
        HasMetadataChecksum = (U32(superblock, 100) & RoCompatMetadataChecksum) != 0;
        BlockSize = 1024 << (int)U32(superblock, 24);
        BlockCount = U32(superblock, 4) | (Is64Bit ? (long)U32(superblock, 0x150) << 32 : 0);
        FirstDataBlock = U32(superblock, 20);
        BlocksPerGroup = U32(superblock, 32);
        InodesPerGroup = U32(superblock, 40);
        InodeSize = U32(superblock, 76) == 0 ? 128 : BinaryPrimitives.ReadUInt16LittleEndian(superblock[88..]);
        DescriptorSize = Is64Bit ? BinaryPrimitives.ReadUInt16LittleEndian(superblock[0xFE..]) : 32;
        GroupCount = (int)((BlockCount - FirstDataBlock + BlocksPerGroup - 1) / BlocksPerGroup);
        DescriptorTableOffset = (int)((FirstDataBlock + 1) * BlockSize);
        InodeTableBlocks = new long[GroupCount];
        _fixedMetadata.Add(FirstDataBlock);
        for (var group = 0; group < GroupCount; group++)
        {
            var descriptor = image.AsSpan(DescriptorTableOffset + group * DescriptorSize, DescriptorSize);
            _fixedMetadata.Add(Block(descriptor, 0, 0x20));
            _fixedMetadata.Add(Block(descriptor, 4, 0x24));
            InodeTableBlocks[group] = Block(descriptor, 8, 0x28);
            _fixedMetadata.Add(InodeTableBlocks[group]);
        }
        _fixedMetadata.Add(FirstDataBlock + 1);
        for (uint number = 1; number <= InodesPerGroup * (uint)GroupCount; number++)
        {
            ReadInode(number);
        }
    }

    public int BlockSize { get; }
    public long BlockCount { get; }
    public uint InodesPerGroup { get; }
    public int InodeSize { get; }
    public int DescriptorSize { get; }
    public int GroupCount { get; }
    public int DescriptorTableOffset { get; }
    public bool HasMetadataChecksum { get; }
    public bool HasChecksumSeed { get; }

    private long FirstDataBlock { get; }
    private long BlocksPerGroup { get; }
    private long[] InodeTableBlocks { get; }
    private bool Is64Bit { get; }

    public IReadOnlyList<InodeRecord> Inodes => _inodes;

    public IReadOnlyList<MetadataBlock> Blocks => _blocks;

    /// <summary>The superblock's block, the descriptor table's first block, bitmaps and inode tables: targets for stray pointers.</summary>
    public IReadOnlyList<long> FixedMetadata => _fixedMetadata;

    /// <summary>Where inode <paramref name="number"/>'s record starts in the image.</summary>
    public int InodeOffset(uint number) =>
        (int)(InodeTableBlocks[(number - 1) / InodesPerGroup] * BlockSize + (number - 1) % InodesPerGroup * InodeSize);

    private long Block(ReadOnlySpan<byte> descriptor, int low, int high) =>
        U32(descriptor, low) | (Is64Bit && DescriptorSize >= 64 ? (long)U32(descriptor, high) << 32 : 0);

    private void ReadInode(uint number)
    {
        // Reserved inodes other than the root hold nothing the file system code walks (journal, resize inode).
        if (number < 11 && number != 2)
        {
            return;
        }
        var offset = InodeOffset(number);
        if (offset < 0 || offset + InodeSize > _image.Length)
        {
            return;
        }
        var raw = _image.AsSpan(offset, InodeSize);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(raw);
        if (mode == 0 || BinaryPrimitives.ReadUInt16LittleEndian(raw[26..]) == 0)
        {
            return;
        }
        var flags = U32(raw, 32);
        var record = new InodeRecord(number, offset, mode, (flags & ExtentsFlag) != 0);
        _inodes.Add(record);
        var type = mode & 0xF000;
        var fastSymlink = type == 0xA000 && U32(raw, 4) < 60 && !record.HasExtents;
        if (type is not (0x4000 or 0x8000 or 0xA000) || fastSymlink)
        {
            return;
        }
        var indexed = record.IsDirectory && (flags & IndexedDirectoryFlag) != 0;
        if (record.HasExtents)
        {
            WalkExtents(record, raw.Slice(40, 60).ToArray(), [], indexed);
            return;
        }
        for (var i = 0; i < 12; i++)
        {
            var pointer = U32(raw, 40 + 4 * i);
            if (pointer != 0 && record.IsDirectory)
            {
                AddDirectoryBlock(record, pointer, i == 0 && indexed, []);
            }
        }
        for (var level = 1; level <= 3; level++)
        {
            WalkIndirect(record, U32(raw, 40 + 4 * (11 + level)), level, []);
        }
    }

    private void AddDirectoryBlock(InodeRecord inode, long block, bool hashedRoot, long[] ancestors) =>
        _blocks.Add(new MetadataBlock(block, hashedRoot ? MetadataKind.HashedDirectoryRoot : MetadataKind.Directory, inode.Number, ancestors));

    private bool Readable(long block) => block > FirstDataBlock && block < BlockCount && (block + 1) * BlockSize <= _image.Length;

    private void WalkIndirect(InodeRecord inode, long block, int level, long[] ancestors)
    {
        if (block == 0 || !Readable(block))
        {
            return;
        }
        _blocks.Add(new MetadataBlock(block, MetadataKind.Indirect, inode.Number, ancestors));
        long[] below = [.. ancestors, block];
        var data = _image.AsSpan((int)(block * BlockSize), BlockSize);
        for (var slot = 0; slot < BlockSize / 4; slot++)
        {
            var pointer = U32(data, slot * 4);
            if (pointer == 0)
            {
                continue;
            }
            if (level > 1)
            {
                WalkIndirect(inode, pointer, level - 1, below);
            }
            else if (inode.IsDirectory)
            {
                AddDirectoryBlock(inode, pointer, false, below);
            }
        }
    }

    private void WalkExtents(InodeRecord inode, byte[] node, long[] ancestors, bool indexed)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(node) != ExtentMagic || ancestors.Length > 4)
        {
            return;
        }
        int entries = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(2));
        int depth = BinaryPrimitives.ReadUInt16LittleEndian(node.AsSpan(6));
        for (var i = 0; i < entries && 12 + (i + 1) * 12 <= node.Length; i++)
        {
            var entry = node.AsSpan(12 + i * 12, 12);
            if (depth > 0)
            {
                var child = U32(entry, 4) | (long)BinaryPrimitives.ReadUInt16LittleEndian(entry[8..]) << 32;
                if (!Readable(child))
                {
                    continue;
                }
                _blocks.Add(new MetadataBlock(child, MetadataKind.ExtentNode, inode.Number, ancestors));
                WalkExtents(inode, _image.AsSpan((int)(child * BlockSize), BlockSize).ToArray(), [.. ancestors, child], indexed);
                continue;
            }
            if (!inode.IsDirectory)
            {
                continue;
            }
            var logical = U32(entry, 0);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]);
            var start = U32(entry, 8) | (long)BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]) << 32;
            for (var k = 0; k < length && k < 64; k++)
            {
                AddDirectoryBlock(inode, start + k, indexed && logical + k == 0, ancestors);
            }
        }
    }

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
}
