using Sharprun.Ext2.Disk;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Nodes;

/// <summary>The rules for one path component: 1..255 bytes, no '/', no NUL.</summary>
internal static class NodeName
{
    public static FsError Check(ReadOnlySpan<byte> name)
    {
        if (name.Length > DirectoryBlock.MaximumNameLength)
        {
            return FsError.NameTooLong;
        }
        if (name.IsEmpty || name.IndexOfAny((byte)'/', (byte)0) >= 0)
        {
            return FsError.InvalidArgument;
        }
        return FsError.Success;
    }
}
