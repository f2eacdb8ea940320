using System.Buffers.Binary;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Disk;

/// <summary>
/// The 1024-byte superblock at byte 1024 of the device, kept as its raw bytes so that fields this reader does not
/// know survive a write-back. <see cref="TryParse"/> checks every field the rest of the file system relies on.
/// </summary>
internal sealed class Superblock
{
    public const int Size = 1024;
    public const long ByteOffset = 1024;
    public const ushort Magic = 0xEF53;
    public const ushort StateValid = 0x1;
    public const ushort StateErrors = 0x2;

    private readonly byte[] _raw;

    private Superblock(byte[] raw) => _raw = raw;

    public ReadOnlySpan<byte> Raw => _raw;

    public uint InodesCount => U32(0);
    public ulong BlocksCount => U32(4) | (Is64Bit ? (ulong)U32(0x150) << 32 : 0);
    public ulong ReservedBlocksCount => U32(8) | (Is64Bit ? (ulong)U32(0x154) << 32 : 0);

    public ulong FreeBlocksCount
    {
        get => U32(12) | (Is64Bit ? (ulong)U32(0x158) << 32 : 0);
        set
        {
            SetU32(12, (uint)value);
            if (Is64Bit)
            {
                SetU32(0x158, (uint)(value >> 32));
            }
        }
    }

    public uint FreeInodesCount { get => U32(16); set => SetU32(16, value); }
    public uint FirstDataBlock => U32(20);
    public int LogBlockSize => (int)U32(24);
    public int BlockSize => 1024 << LogBlockSize;
    public uint BlocksPerGroup => U32(32);
    public uint InodesPerGroup => U32(40);
    public uint MountTime { set => SetU32(44, value); }
    public uint WriteTime { set => SetU32(48, value); }
    public ushort MountCount { get => U16(52); set => SetU16(52, value); }
    public ushort State { get => U16(58); set => SetU16(58, value); }
    public uint RevisionLevel => U32(76);
    public uint FirstInode => RevisionLevel == 0 ? 11 : U32(84);
    public int InodeSize => RevisionLevel == 0 ? 128 : U16(88);
    public uint CompatFeatures => RevisionLevel == 0 ? 0 : U32(92);
    public uint IncompatFeatures => RevisionLevel == 0 ? 0 : U32(96);
    public uint RoCompatFeatures => RevisionLevel == 0 ? 0 : U32(100);
    public ReadOnlySpan<byte> Uuid => _raw.AsSpan(104, 16);
    public int DescriptorSize => Is64Bit ? U16(0xFE) : 32;
    public byte ChecksumType => _raw[0x175];
    public uint ChecksumSeed => U32(0x270);
    public uint Checksum => U32(0x3FC);

    public bool Is64Bit => (IncompatFeatures & FeatureNames.Incompat64Bit) != 0;
    public bool HasFileType => (IncompatFeatures & FeatureNames.IncompatFileType) != 0;
    public bool HasMetadataChecksum => (RoCompatFeatures & FeatureNames.RoCompatMetadataChecksum) != 0;
    public bool HasLargeFile => (RoCompatFeatures & FeatureNames.RoCompatLargeFile) != 0;
    public bool HasHugeFile => (RoCompatFeatures & FeatureNames.RoCompatHugeFile) != 0;

    public uint GroupCount => (uint)((BlocksCount - FirstDataBlock + BlocksPerGroup - 1) / BlocksPerGroup);

    /// <summary>Blocks the inode table of one group occupies.</summary>
    public uint InodeTableBlocks => (uint)(((ulong)InodesPerGroup * (uint)InodeSize + (uint)BlockSize - 1) / (uint)BlockSize);

    /// <summary>
    /// Parses and validates a superblock read from a device of <paramref name="deviceBytes"/> bytes; a refusal says
    /// why in <paramref name="message"/>.
    /// </summary>
    public static FsError TryParse(ReadOnlySpan<byte> bytes, long deviceBytes, out Superblock? superblock, out string message)
    {
        superblock = null;
        if (bytes.Length < Size)
        {
            message = "ext2: device too small for a superblock";
            return FsError.InvalidArgument;
        }

        var candidate = new Superblock(bytes[..Size].ToArray());
        message = candidate.Validate(deviceBytes);
        if (message.Length != 0)
        {
            return FsError.Corrupted;
        }

        superblock = candidate;
        return FsError.Success;
    }

    private string Validate(long deviceBytes)
    {
        if (U16(56) != Magic)
        {
            return "ext2: bad magic number (not an ext2/ext3/ext4 file system)";
        }
        if (RevisionLevel > 1)
        {
            return $"ext2: unsupported revision level {RevisionLevel}";
        }
        if (U32(24) > 6)
        {
            return $"ext2: bad block size (log {U32(24)})";
        }
        if (U32(28) != U32(24) && (RoCompatFeatures & 0x200) == 0)
        {
            return "ext2: cluster size differs from block size without bigalloc";
        }
        if (InodesCount == 0 || BlocksCount == 0)
        {
            return "ext2: zero inode or block count";
        }
        if (FirstDataBlock != (BlockSize == 1024 ? 1u : 0u))
        {
            return $"ext2: bad first data block {FirstDataBlock} for block size {BlockSize}";
        }
        if (BlocksCount <= FirstDataBlock + 1)
        {
            return "ext2: block count too small";
        }
        if (BlocksPerGroup == 0 || BlocksPerGroup > 8u * (uint)BlockSize || BlocksPerGroup % 8 != 0)
        {
            return $"ext2: bad blocks per group {BlocksPerGroup}";
        }
        if (InodesPerGroup == 0 || InodesPerGroup > 8u * (uint)BlockSize)
        {
            return $"ext2: bad inodes per group {InodesPerGroup}";
        }
        var inodeSize = InodeSize;
        if (inodeSize < 128 || inodeSize > BlockSize || (inodeSize & (inodeSize - 1)) != 0)
        {
            return $"ext2: bad inode size {inodeSize}";
        }
        if (RevisionLevel == 1 && (FirstInode < 11 || FirstInode > InodesCount))
        {
            return $"ext2: bad first inode {FirstInode}";
        }
        if (InodeTableBlocks >= BlocksPerGroup)
        {
            return "ext2: inode table larger than a group";
        }
        if ((ulong)InodesPerGroup * GroupCount != InodesCount)
        {
            return $"ext2: inode count {InodesCount} is not {InodesPerGroup} inodes per group times {GroupCount} groups";
        }
        if (Is64Bit)
        {
            var descriptorSize = U16(0xFE);
            if (descriptorSize < 64 || descriptorSize > 1024 || (descriptorSize & (descriptorSize - 1)) != 0)
            {
                return $"ext2: bad group descriptor size {descriptorSize}";
            }
        }
        if (FreeBlocksCount > BlocksCount || FreeInodesCount > InodesCount || ReservedBlocksCount > BlocksCount)
        {
            return "ext2: free or reserved counts exceed the totals";
        }
        if (U16(0xCE) > BlockSize / 4)
        {
            return "ext2: too many reserved group descriptor blocks";
        }
        var bytesNeeded = BlocksCount * (ulong)BlockSize;
        if (bytesNeeded / (ulong)BlockSize != BlocksCount || bytesNeeded > (ulong)deviceBytes)
        {
            return $"ext2: file system ({BlocksCount} blocks of {BlockSize}) is larger than the device ({deviceBytes} bytes)";
        }
        return "";
    }

    public void CopyTo(Span<byte> destination) => _raw.CopyTo(destination);

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_raw.AsSpan(offset));
    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_raw.AsSpan(offset));
    private void SetU32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_raw.AsSpan(offset), value);
    private void SetU16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_raw.AsSpan(offset), value);
}
