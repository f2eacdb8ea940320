namespace Sharprun.Vfs.Nodes;

/// <summary>
/// What stat(2) reports of a node. Times are nanoseconds since the Unix epoch (UTC); <see cref="Permissions"/> holds
/// the low 12 mode bits (permissions, setuid, setgid, sticky) without the file type.
/// </summary>
public readonly record struct NodeAttributes(
    ulong Number,
    NodeKind Kind,
    uint Permissions,
    uint LinkCount,
    uint UserId,
    uint GroupId,
    long Size,
    long AllocatedBytes,
    long AccessTime,
    long ModifyTime,
    long ChangeTime,
    long BirthTime,
    uint DeviceNumber,
    int BlockSize);
