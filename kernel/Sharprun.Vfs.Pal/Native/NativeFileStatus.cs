using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Pal.Native;

/// <summary>The PAL's <see cref="FileStatus"/> and DT_* values for what the VFS reports of a node.</summary>
internal static class NativeFileStatus
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public static FileStatus From(in NodeAttributes attributes)
    {
        FileStatus status = default;
        status.Mode = TypeBits(attributes.Kind) | (int)attributes.Permissions;
        status.Uid = attributes.UserId;
        status.Gid = attributes.GroupId;
        status.Size = attributes.Size;
        (status.ATime, status.ATimeNsec) = Split(attributes.AccessTime);
        (status.MTime, status.MTimeNsec) = Split(attributes.ModifyTime);
        (status.CTime, status.CTimeNsec) = Split(attributes.ChangeTime);
        // Linux's stat has no birth time: FileStatus.Flags stays without HAS_BIRTHTIME, as libSystem.Native leaves it.
        status.Dev = attributes.DeviceNumber;
        status.Ino = (long)attributes.Number;
        return status;
    }

    /// <summary>The S_IFMT bits (the PAL fixes POSIX's values).</summary>
    public static int TypeBits(NodeKind kind) => kind switch
    {
        NodeKind.Fifo => 0x1000,
        NodeKind.CharacterDevice => 0x2000,
        NodeKind.Directory => 0x4000,
        NodeKind.BlockDevice => 0x6000,
        NodeKind.SymbolicLink => 0xA000,
        NodeKind.Socket => 0xC000,
        _ => 0x8000,
    };

    /// <summary>The d_type of a directory entry (DT_*).</summary>
    public static int DirectoryEntryType(NodeKind kind) => kind switch
    {
        NodeKind.Fifo => 1,
        NodeKind.CharacterDevice => 2,
        NodeKind.Directory => 4,
        NodeKind.BlockDevice => 6,
        NodeKind.SymbolicLink => 10,
        NodeKind.Socket => 12,
        _ => 8,
    };

    /// <summary>Seconds and nanoseconds of a time before 1970 too (the nanoseconds stay in 0..999,999,999, as in a timespec).</summary>
    private static (long Seconds, long Nanoseconds) Split(long nanoseconds)
    {
        long seconds = Math.DivRem(nanoseconds, NanosecondsPerSecond, out long rest);
        return rest < 0 ? (seconds - 1, rest + NanosecondsPerSecond) : (seconds, rest);
    }
}
