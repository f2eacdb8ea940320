using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Baked;

/// <summary>
/// One file, directory or symbolic link of a baked archive, as parsed: its attributes, its bytes in the archive (a
/// file's contents, a link's target) and, for a directory, its entries in archive order. Never changes once parsed.
/// </summary>
internal sealed class BakedEntry
{
    public BakedEntry(int index, NodeKind kind, uint permissions, uint userId, uint groupId, long modifyTime,
        ReadOnlyMemory<byte> data, BakedEntry? parent)
    {
        Index = index;
        Kind = kind;
        Permissions = permissions;
        UserId = userId;
        GroupId = groupId;
        ModifyTime = modifyTime;
        Data = data;
        Parent = parent ?? this;
        if (kind == NodeKind.Directory)
        {
            Children = new Dictionary<byte[], BakedEntry>(ByteNameComparer.Instance);
            Names = [];
        }
    }

    /// <summary>Position in the archive's entry table (0: the root); unique, so it makes the inode number.</summary>
    public int Index { get; }

    public NodeKind Kind { get; }

    public uint Permissions { get; }

    public uint UserId { get; }

    public uint GroupId { get; }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long ModifyTime { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The directory holding this entry; the root's is itself.</summary>
    public BakedEntry Parent { get; }

    /// <summary>A directory's entries by name ("." and ".." excluded); null for anything else.</summary>
    public Dictionary<byte[], BakedEntry>? Children { get; }

    /// <summary>A directory's names in archive order, so listings are stable; null for anything else.</summary>
    public List<byte[]>? Names { get; }

    /// <summary>Subdirectories count towards a directory's links (their ".."), as on Linux.</summary>
    public int SubdirectoryCount { get; set; }
}
