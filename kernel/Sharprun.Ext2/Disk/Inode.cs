using System.Buffers.Binary;

namespace Sharprun.Ext2.Disk;

/// <summary>
/// One on-disk inode as a copy of its raw bytes (128, or more with the extra fields), read and changed field by
/// field, so that whatever this code does not know (in-inode extended attributes, checksums) is written back as it was.
/// </summary>
internal sealed class Inode
{
    public const int BlockPointers = 15;
    public const int DirectPointers = 12;
    public const uint IndexedDirectoryFlag = 0x1000;
    public const uint HugeFileFlag = 0x40000;
    public const uint ExtentsFlag = 0x80000;
    public const uint InlineDataFlag = 0x10000000;

    private readonly byte[] _raw;

    public Inode(uint number, byte[] raw)
    {
        Number = number;
        _raw = raw;
    }

    public uint Number { get; }

    public ReadOnlySpan<byte> Raw => _raw;

    public ushort Mode { get => U16(0); set => SetU16(0, value); }
    public uint UserId { get => U16(2) | (uint)U16(0x78) << 16; set { SetU16(2, (ushort)value); SetU16(0x78, (ushort)(value >> 16)); } }
    public uint GroupId { get => U16(0x18) | (uint)U16(0x7A) << 16; set { SetU16(0x18, (ushort)value); SetU16(0x7A, (ushort)(value >> 16)); } }

    public ulong Size
    {
        get => U32(4) | (ulong)U32(0x6C) << 32;
        set { SetU32(4, (uint)value); SetU32(0x6C, (uint)(value >> 32)); }
    }

    public ushort LinkCount { get => U16(0x1A); set => SetU16(0x1A, value); }

    /// <summary>i_blocks in 512-byte sectors (huge_file's block units are converted by the caller).</summary>
    public ulong Sectors
    {
        get => U32(0x1C) | (ulong)U16(0x74) << 32;
        set { SetU32(0x1C, (uint)value); SetU16(0x74, (ushort)(value >> 32)); }
    }

    public uint Flags { get => U32(0x20); set => SetU32(0x20, value); }
    public uint DeletionTime { set => SetU32(0x14, value); }
    public uint Generation => U32(0x64);
    public ulong ExtendedAttributeBlock { get => U32(0x68) | (ulong)U16(0x76) << 32; set { SetU32(0x68, (uint)value); SetU16(0x76, (ushort)(value >> 32)); } }

    public uint GetBlock(int index) => U32(0x28 + 4 * index);
    public void SetBlock(int index, uint value) => SetU32(0x28 + 4 * index, value);

    /// <summary>The 60 bytes of i_block: block pointers, an extent tree root, a fast symlink's target or a device number.</summary>
    public Span<byte> BlockArea => _raw.AsSpan(0x28, 60);

    public long AccessTime { get => Time(0x08, 0x8C); set => SetTime(0x08, 0x8C, value); }
    public long ChangeTime { get => Time(0x0C, 0x84); set => SetTime(0x0C, 0x84, value); }
    public long ModifyTime { get => Time(0x10, 0x88); set => SetTime(0x10, 0x88, value); }
    public long BirthTime { get => HasExtra(0x94) ? Time(0x90, 0x94) : 0; set { if (HasExtra(0x94)) { SetTime(0x90, 0x94, value); } } }

    /// <summary>i_extra_isize, 0 for 128-byte inodes.</summary>
    public int ExtraSize => _raw.Length > 128 ? U16(0x80) : 0;

    /// <summary>Starts a fresh inode's extra fields as e2fsprogs does: 32 bytes (up to i_projid) when the inode has room.</summary>
    public void InitializeExtra()
    {
        if (_raw.Length >= 160)
        {
            SetU16(0x80, 32);
        }
    }

    private bool HasExtra(int fieldOffset) => _raw.Length > 128 && 128 + ExtraSize >= fieldOffset + 4 && 128 + ExtraSize <= _raw.Length;

    /// <summary>Seconds (signed 32 bits, extended by the extra field's 2 epoch bits) and nanoseconds, as nanoseconds since the epoch.</summary>
    private long Time(int offset, int extraOffset)
    {
        long seconds = (int)U32(offset);
        long nanoseconds = 0;
        if (HasExtra(extraOffset))
        {
            var extra = U32(extraOffset);
            seconds += (long)(extra & 3) << 32;
            nanoseconds = Math.Min(extra >> 2, 999_999_999);
        }
        return seconds * 1_000_000_000 + nanoseconds;
    }

    private void SetTime(int offset, int extraOffset, long value)
    {
        var seconds = Math.DivRem(value, 1_000_000_000, out var nanoseconds);
        if (nanoseconds < 0)
        {
            seconds--;
            nanoseconds += 1_000_000_000;
        }
        SetU32(offset, (uint)seconds);
        if (HasExtra(extraOffset))
        {
            var epoch = (uint)((seconds - (int)(uint)seconds) >> 32) & 3;
            SetU32(extraOffset, epoch | (uint)nanoseconds << 2);
        }
    }

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_raw.AsSpan(offset));
    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_raw.AsSpan(offset));
    private void SetU32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_raw.AsSpan(offset), value);
    private void SetU16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_raw.AsSpan(offset), value);
}
