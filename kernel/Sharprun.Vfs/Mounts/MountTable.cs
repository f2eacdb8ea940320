using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Mounts;

/// <summary>
/// The mounted file systems: the root first, then each attached over a directory of one already mounted. Mount
/// points are found by the covered directory's (file system, inode), since file systems may hand out a fresh node
/// object per lookup. A file system is mounted at most once, so a node's mount is its file system's.
/// </summary>
public sealed class MountTable
{
    private readonly Dictionary<NodeKey, Mount> _byCoveredDirectory = [];
    private readonly Dictionary<IFileSystem, Mount> _byFileSystem = new(ReferenceEqualityComparer.Instance);

    public MountTable(IFileSystem root)
    {
        Root = new Mount(root, null, null);
        _byFileSystem.Add(root, Root);
    }

    public Mount Root { get; }

    public IEnumerable<Mount> Mounts => _byFileSystem.Values;

    /// <summary>The mount a node belongs to; null for a file system not mounted.</summary>
    public Mount? MountOf(IFileSystem fileSystem) => _byFileSystem.GetValueOrDefault(fileSystem);

    /// <summary>The mount covering a directory, if any.</summary>
    public Mount? MountedOn(INode directory) => _byCoveredDirectory.GetValueOrDefault(NodeKey.Of(directory));

    /// <summary>Mounts <paramref name="fileSystem"/> over <paramref name="directory"/> (already resolved past any mount on it).</summary>
    public FsError Attach(INode directory, IFileSystem fileSystem, out Mount? mount)
    {
        mount = null;
        if (directory.Kind != NodeKind.Directory)
            return FsError.NotADirectory;
        if (_byFileSystem.ContainsKey(fileSystem))
            return FsError.Busy;
        Mount? parent = MountOf(directory.FileSystem);
        if (parent is null || _byCoveredDirectory.ContainsKey(NodeKey.Of(directory)))
            return FsError.InvalidArgument;
        directory.Open();
        mount = new Mount(fileSystem, parent, directory);
        parent.Children++;
        _byCoveredDirectory.Add(NodeKey.Of(directory), mount);
        _byFileSystem.Add(fileSystem, mount);
        return FsError.Success;
    }

    /// <summary>Unmounts: <see cref="FsError.Busy"/> while files or working directories are in it or mounts lie beneath.</summary>
    public FsError Detach(Mount mount)
    {
        if (mount.Parent is null || mount.Users != 0 || mount.Children != 0)
            return FsError.Busy;
        FsError error = mount.FileSystem.Unmount();
        if (error != FsError.Success)
            return error;
        _byCoveredDirectory.Remove(NodeKey.Of(mount.CoveredDirectory!));
        _byFileSystem.Remove(mount.FileSystem);
        mount.Parent.Children--;
        mount.CoveredDirectory!.Close();
        return FsError.Success;
    }
}
