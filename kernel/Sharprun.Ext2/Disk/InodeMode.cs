using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Disk;

/// <summary>The S_IFMT part of i_mode and the directory entry file-type byte, both as <see cref="NodeKind"/>.</summary>
internal static class InodeMode
{
    public const ushort TypeMask = 0xF000;
    public const ushort Directory = 0x4000;
    public const ushort Regular = 0x8000;
    public const ushort SymbolicLink = 0xA000;

    public static bool TryKindOf(ushort mode, out NodeKind kind)
    {
        switch (mode & TypeMask)
        {
            case 0x1000: kind = NodeKind.Fifo; return true;
            case 0x2000: kind = NodeKind.CharacterDevice; return true;
            case Directory: kind = NodeKind.Directory; return true;
            case 0x6000: kind = NodeKind.BlockDevice; return true;
            case Regular: kind = NodeKind.RegularFile; return true;
            case SymbolicLink: kind = NodeKind.SymbolicLink; return true;
            case 0xC000: kind = NodeKind.Socket; return true;
            default: kind = default; return false;
        }
    }

    public static ushort TypeOf(NodeKind kind) => kind switch
    {
        NodeKind.Fifo => 0x1000,
        NodeKind.CharacterDevice => 0x2000,
        NodeKind.Directory => Directory,
        NodeKind.BlockDevice => 0x6000,
        NodeKind.RegularFile => Regular,
        NodeKind.SymbolicLink => SymbolicLink,
        _ => 0xC000,
    };

    public static byte EntryTypeOf(NodeKind kind) => kind switch
    {
        NodeKind.RegularFile => 1,
        NodeKind.Directory => 2,
        NodeKind.CharacterDevice => 3,
        NodeKind.BlockDevice => 4,
        NodeKind.Fifo => 5,
        NodeKind.Socket => 6,
        _ => 7,
    };

    public static bool TryKindOfEntryType(byte type, out NodeKind kind)
    {
        kind = type switch
        {
            1 => NodeKind.RegularFile,
            2 => NodeKind.Directory,
            3 => NodeKind.CharacterDevice,
            4 => NodeKind.BlockDevice,
            5 => NodeKind.Fifo,
            6 => NodeKind.Socket,
            _ => NodeKind.SymbolicLink,
        };
        return type is >= 1 and <= 7;
    }
}
