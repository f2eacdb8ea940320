namespace Sharprun.Vfs.Nodes;

/// <summary>
/// A vnode: one file, directory or symbolic link of a file system. Names are single path components as raw bytes
/// (no '/', no NUL, at most 255 bytes: longer is <see cref="FsError.NameTooLong"/>); "." and ".." are looked up
/// like any name (a root's ".." is itself: crossing mounts is the VFS's business). Operations on the wrong kind of
/// node answer <see cref="FsError.NotADirectory"/> or <see cref="FsError.IsADirectory"/> as Linux does, and any change on a
/// read-only file system <see cref="FsError.ReadOnly"/>. Permissions are not checked here: the VFS applies root's rules.
/// <para>
/// Lifetime: the VFS calls <see cref="Open"/> when an open file description starts using the node and
/// <see cref="Close"/> when it stops. A node whose link count falls to 0 keeps its data while it is open and is freed
/// at its last close. A file system returns the same object for a node as long as the node is open.
/// </para>
/// </summary>
public interface INode
{
    IFileSystem FileSystem { get; }

    /// <summary>The inode number, unique within the file system.</summary>
    ulong Number { get; }

    NodeKind Kind { get; }

    FsError GetAttributes(out NodeAttributes attributes);

    FsError SetAttributes(in AttributeChanges changes);

    FsError Lookup(ReadOnlySpan<byte> name, out INode? node);

    /// <summary>Creates a regular file, directory, FIFO, socket or device node; <see cref="FsError.Exists"/> when the name is taken.</summary>
    FsError Create(ReadOnlySpan<byte> name, NodeKind kind, uint permissions, uint userId, uint groupId, out INode? node);

    FsError CreateSymbolicLink(ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint userId, uint groupId, out INode? node);

    /// <summary>A hard link to <paramref name="target"/> (same file system, not a directory) under <paramref name="name"/>.</summary>
    FsError Link(ReadOnlySpan<byte> name, INode target);

    /// <summary>Removes a name that is not a directory (a directory: <see cref="FsError.IsADirectory"/>).</summary>
    FsError Unlink(ReadOnlySpan<byte> name);

    /// <summary>Removes an empty directory (<see cref="FsError.NotEmpty"/> otherwise).</summary>
    FsError RemoveDirectory(ReadOnlySpan<byte> name);

    /// <summary>
    /// rename(2) within one file system: replaces an existing target of a compatible kind (a directory only when
    /// empty); moving a directory beneath itself is <see cref="FsError.InvalidArgument"/>.
    /// </summary>
    FsError Rename(ReadOnlySpan<byte> oldName, INode newParent, ReadOnlySpan<byte> newName);

    /// <summary>Appends every entry of a directory, "." and ".." included, to <paramref name="entries"/>.</summary>
    FsError ReadDirectory(List<DirectoryEntry> entries);

    /// <summary>Reads from a regular file; <paramref name="read"/> is 0 at or past the end. Holes read as zeros.</summary>
    FsError Read(long offset, Span<byte> buffer, out int read);

    /// <summary>Writes into a regular file, extending it; a partial write (<paramref name="written"/> short) means the next call fails, e.g. with <see cref="FsError.NoSpace"/>.</summary>
    FsError Write(long offset, ReadOnlySpan<byte> data, out int written);

    FsError ReadSymbolicLink(out byte[] target);

    /// <summary>
    /// fsync(2) (fdatasync when <paramref name="dataOnly"/>): the node's data and inode, and the directory entries that
    /// lead to it, are durable and the device flushed when this returns.
    /// </summary>
    FsError Sync(bool dataOnly);

    void Open();

    void Close();
}
