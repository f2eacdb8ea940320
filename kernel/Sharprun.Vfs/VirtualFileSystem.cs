using System.Text;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Locks;
using Sharprun.Vfs.Mounts;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Paths;
using Sharprun.Vfs.Watches;

namespace Sharprun.Vfs;

/// <summary>
/// The file tree as the file PAL sees it: path-based calls shaped like the syscalls, answering Linux's errors. One
/// process, running as root: read and write are always allowed, execute needs an x bit on a regular file, and a
/// read-only file system refuses every change. Every public member takes <see cref="Sync"/> (calls may block on a
/// device while holding it); waiters for locks wait on it and are pulsed when a lock goes, readers of inotify
/// instances when an event is queued. Every change is reported to <see cref="Watches"/> as Linux's VFS reports it.
/// </summary>
public sealed class VirtualFileSystem
{
    private const uint PermissionBits = 0xFFF;
    private const uint AnyExecuteBit = 0x49; // 0111

    private readonly PathResolver _resolver;
    private INode _workingDirectory;

    public VirtualFileSystem(IFileSystem root)
    {
        Mounts = new MountTable(root);
        Watches = new WatchTable(Sync);
        _resolver = new PathResolver(Mounts);
        _workingDirectory = root.Root;
        _workingDirectory.Open();
        Mounts.Root.Users++;
    }

    public object Sync { get; } = new();

    public MountTable Mounts { get; }

    public FlockTable Flocks { get; } = new();

    public RegionLockTable RegionLocks { get; } = new();

    public WatchTable Watches { get; }

    /// <summary>The file mode creation mask (umask(2)), 022 by default as on Linux.</summary>
    public uint Umask
    {
        get { lock (Sync) return field; }
        set { lock (Sync) field = value & 0x1FF; }
    } = 0x12;

    public FsError Mount(ReadOnlySpan<byte> path, IFileSystem fileSystem)
    {
        lock (Sync)
        {
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? directory);
            return error != FsError.Success ? error : Mounts.Attach(directory!, fileSystem, out _);
        }
    }

    /// <summary>umount(2) of the file system whose root the path names (EINVAL for any other directory).</summary>
    public FsError Unmount(ReadOnlySpan<byte> path)
    {
        lock (Sync)
        {
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? node);
            if (error != FsError.Success)
                return error;
            Mount? mount = Mounts.MountOf(node!.FileSystem);
            if (mount is null || !mount.IsRootOf(node))
                return FsError.InvalidArgument;
            error = Mounts.Detach(mount);
            if (error == FsError.Success)
                Watches.Unmounted(mount.FileSystem);
            return error;
        }
    }

    public FsError Open(ReadOnlySpan<byte> path, int flags, uint permissions, out OpenFile? file)
    {
        lock (Sync)
        {
            file = null;
            int accessMode = flags & OpenFlags.AccessModeMask;
            if (accessMode == OpenFlags.AccessModeMask)
                return FsError.InvalidArgument;
            bool write = accessMode != OpenFlags.ReadOnly;
            FsError error = (flags & OpenFlags.Create) != 0
                ? OpenOrCreate(path, flags, permissions, out INode? node, out EntryLocation? location, out bool created)
                : OpenExisting(path, flags, out node, out location, out created);
            if (error != FsError.Success)
                return error;
            if ((flags & OpenFlags.Directory) != 0 && node!.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            if (node!.Kind == NodeKind.Directory && (write || (flags & OpenFlags.Create) != 0))
                return FsError.IsADirectory;
            bool truncate = (flags & OpenFlags.Truncate) != 0 && node.Kind == NodeKind.RegularFile && !created;
            if ((write || truncate) && node.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            if (truncate)
            {
                error = node.SetAttributes(new AttributeChanges(Size: 0));
                if (error != FsError.Success)
                    return error;
            }
            Mount mount = Mounts.MountOf(node.FileSystem)!;
            node.Open();
            mount.Users++;
            file = new OpenFile(this, mount, node, location,
                flags & ~(OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.Truncate | OpenFlags.NoFollow | OpenFlags.CloseOnExec));
            Watches.Opened(node);
            // Linux reports the open before the truncation it made (fsnotify_open happens in do_dentry_open).
            Watches.NotifyChange(location, node, WatchMask.Open);
            if (truncate)
                Watches.NotifyChange(location, node, WatchMask.Modify);
            return FsError.Success;
        }
    }

    public FsError Stat(ReadOnlySpan<byte> path, out NodeAttributes attributes) => Stat(path, true, out attributes);

    public FsError LStat(ReadOnlySpan<byte> path, out NodeAttributes attributes) => Stat(path, false, out attributes);

    public FsError MakeDirectory(ReadOnlySpan<byte> path, uint permissions)
    {
        lock (Sync)
        {
            FsError error = ResolveNewName(path, trailingSlashAllowed: true, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            return Created(parent.Directory.Create(parent.Name, NodeKind.Directory, permissions & 0x3FF & ~Umask, 0, 0, out _), parent, isDirectory: true);
        }
    }

    /// <summary>mknod(2) for FIFOs, sockets and device nodes, and creat of a regular file without opening it.</summary>
    public FsError MakeNode(ReadOnlySpan<byte> path, NodeKind kind, uint permissions)
    {
        lock (Sync)
        {
            if (kind is NodeKind.Directory or NodeKind.SymbolicLink)
                return FsError.InvalidArgument;
            FsError error = ResolveNewName(path, trailingSlashAllowed: false, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            return Created(parent.Directory.Create(parent.Name, kind, permissions & PermissionBits & ~Umask, 0, 0, out _), parent, isDirectory: false);
        }
    }

    public FsError RemoveDirectory(ReadOnlySpan<byte> path)
    {
        lock (Sync)
        {
            FsError error = _resolver.ResolveParent(_workingDirectory, path, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            if (parent.Name.Length == 0)
                return FsError.Busy;
            if (parent.NamesDot)
                return FsError.InvalidArgument;
            if (parent.NamesDotDot)
                return FsError.NotEmpty;
            if (parent.Directory.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            error = parent.Directory.Lookup(parent.Name, out INode? child);
            if (error != FsError.Success)
                return error;
            if (Mounts.MountedOn(child!) is not null)
                return FsError.Busy;
            error = parent.Directory.RemoveDirectory(parent.Name);
            if (error == FsError.Success)
            {
                Watches.Deleted(child!);
                Watches.NotifyEntry(parent.Directory, parent.Name, isDirectory: true, WatchMask.Delete);
            }
            return error;
        }
    }

    public FsError Unlink(ReadOnlySpan<byte> path)
    {
        lock (Sync)
        {
            FsError error = _resolver.ResolveParent(_workingDirectory, path, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            if (parent.NamesNoEntry)
                return FsError.IsADirectory;
            if (parent.Directory.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            error = parent.Directory.Lookup(parent.Name, out INode? child);
            if (error != FsError.Success)
                return error;
            if (child!.Kind == NodeKind.Directory)
                return FsError.IsADirectory;
            if (parent.TrailingSlash)
                return FsError.NotADirectory;
            error = parent.Directory.Unlink(parent.Name);
            if (error == FsError.Success)
            {
                Watches.NotifySelf(child, WatchMask.Attributes);
                LinkGone(child);
                Watches.NotifyEntry(parent.Directory, parent.Name, isDirectory: false, WatchMask.Delete);
            }
            return error;
        }
    }

    public FsError Rename(ReadOnlySpan<byte> oldPath, ReadOnlySpan<byte> newPath)
    {
        lock (Sync)
        {
            FsError error = _resolver.ResolveParent(_workingDirectory, oldPath, out ParentResolution source);
            if (error != FsError.Success)
                return error;
            error = _resolver.ResolveParent(_workingDirectory, newPath, out ParentResolution target);
            if (error != FsError.Success)
                return error;
            if (source.NamesNoEntry || target.NamesNoEntry)
                return FsError.Busy;
            if (source.Directory.FileSystem != target.Directory.FileSystem)
                return FsError.CrossDevice;
            if (source.Directory.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            error = source.Directory.Lookup(source.Name, out INode? moved);
            if (error != FsError.Success)
                return error;
            if (moved!.Kind != NodeKind.Directory && (source.TrailingSlash || target.TrailingSlash))
                return FsError.NotADirectory;
            if (Mounts.MountedOn(moved) is not null)
                return FsError.Busy;
            if (target.Directory.Lookup(target.Name, out INode? replaced) != FsError.Success)
                replaced = null;
            else if (Mounts.MountedOn(replaced!) is not null)
                return FsError.Busy;
            error = source.Directory.Rename(source.Name, target.Directory, target.Name);
            if (error == FsError.Success && (replaced is null || NodeKey.Of(replaced) != NodeKey.Of(moved)))
                Renamed(source, target, moved, replaced);
            return error;
        }
    }

    /// <summary>link(2): the existing path's last symbolic link is not followed, as Linux's linkat without AT_SYMLINK_FOLLOW.</summary>
    public FsError Link(ReadOnlySpan<byte> existingPath, ReadOnlySpan<byte> newPath)
    {
        lock (Sync)
        {
            FsError error = _resolver.Resolve(_workingDirectory, existingPath, false, out INode? existing);
            if (error != FsError.Success)
                return error;
            error = ResolveNewName(newPath, trailingSlashAllowed: false, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            if (existing!.FileSystem != parent.Directory.FileSystem)
                return FsError.CrossDevice;
            if (existing.Kind == NodeKind.Directory)
                return FsError.NotPermitted;
            error = parent.Directory.Link(parent.Name, existing);
            if (error == FsError.Success)
            {
                Watches.NotifySelf(existing, WatchMask.Attributes);
                Watches.NotifyEntry(parent.Directory, parent.Name, isDirectory: false, WatchMask.Create);
            }
            return error;
        }
    }

    public FsError SymbolicLink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> linkPath)
    {
        lock (Sync)
        {
            if (target.IsEmpty)
                return FsError.NotFound;
            if (target.Length >= PathResolver.MaximumPathLength)
                return FsError.NameTooLong;
            FsError error = ResolveNewName(linkPath, trailingSlashAllowed: false, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            return Created(parent.Directory.CreateSymbolicLink(parent.Name, target, 0, 0, out _), parent, isDirectory: false);
        }
    }

    public FsError ReadLink(ReadOnlySpan<byte> path, out byte[] target)
    {
        lock (Sync)
        {
            target = [];
            FsError error = _resolver.Resolve(_workingDirectory, path, false, out INode? node);
            if (error != FsError.Success)
                return error;
            return node!.Kind != NodeKind.SymbolicLink ? FsError.InvalidArgument : node.ReadSymbolicLink(out target);
        }
    }

    public FsError ChangeMode(ReadOnlySpan<byte> path, uint permissions, bool followSymbolicLinks = true) =>
        Change(path, followSymbolicLinks, new AttributeChanges(Permissions: permissions & PermissionBits));

    public FsError ChangeOwner(ReadOnlySpan<byte> path, uint? userId, uint? groupId, bool followSymbolicLinks = true) =>
        Change(path, followSymbolicLinks, new AttributeChanges(UserId: userId, GroupId: groupId));

    /// <summary>utimensat(2): null leaves a time alone (UTIME_OMIT); the caller turns UTIME_NOW into the clock's time.</summary>
    public FsError SetTimes(ReadOnlySpan<byte> path, long? accessTime, long? modifyTime, bool followSymbolicLinks = true) =>
        Change(path, followSymbolicLinks, new AttributeChanges(AccessTime: accessTime, ModifyTime: modifyTime));

    public FsError Truncate(ReadOnlySpan<byte> path, long length)
    {
        lock (Sync)
        {
            FsError error = _resolver.ResolveLocated(_workingDirectory, path, true, out INode? node, out EntryLocation? location);
            if (error != FsError.Success)
                return error;
            if (node!.Kind == NodeKind.Directory)
                return FsError.IsADirectory;
            if (node.Kind != NodeKind.RegularFile || length < 0)
                return FsError.InvalidArgument;
            if (node.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            error = node.SetAttributes(new AttributeChanges(Size: length));
            if (error == FsError.Success)
                Watches.NotifyChange(location, node, WatchMask.Modify);
            return error;
        }
    }

    /// <summary>access(2) for root: F_OK, R_OK and W_OK pass (W_OK fails on a read-only file system), X_OK needs an x bit on a non-directory.</summary>
    public FsError Access(ReadOnlySpan<byte> path, int mode)
    {
        lock (Sync)
        {
            if ((mode & ~(OpenFlags.AccessRead | OpenFlags.AccessWrite | OpenFlags.AccessExecute)) != 0)
                return FsError.InvalidArgument;
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? node);
            if (error != FsError.Success)
                return error;
            if ((mode & OpenFlags.AccessWrite) != 0 && node!.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            if ((mode & OpenFlags.AccessExecute) != 0 && node!.Kind != NodeKind.Directory)
            {
                error = node.GetAttributes(out NodeAttributes attributes);
                if (error != FsError.Success)
                    return error;
                if ((attributes.Permissions & AnyExecuteBit) == 0)
                    return FsError.AccessDenied;
            }
            return FsError.Success;
        }
    }

    public FsError ChangeDirectory(ReadOnlySpan<byte> path)
    {
        lock (Sync)
        {
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? node);
            if (error != FsError.Success)
                return error;
            if (node!.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            node.Open();
            Mounts.MountOf(node.FileSystem)!.Users++;
            Mounts.MountOf(_workingDirectory.FileSystem)!.Users--;
            _workingDirectory.Close();
            _workingDirectory = node;
            return FsError.Success;
        }
    }

    /// <summary>getcwd(2); NotFound once the directory is removed.</summary>
    public FsError GetWorkingDirectory(out string path)
    {
        lock (Sync)
            return PathOf(_workingDirectory, out path);
    }

    /// <summary>realpath(3): the absolute path without ".", ".." or symbolic links of what <paramref name="path"/> names.</summary>
    public FsError RealPath(ReadOnlySpan<byte> path, out string resolved)
    {
        lock (Sync)
        {
            resolved = "";
            FsError error = _resolver.ResolveLocated(_workingDirectory, path, true, out INode? node, out EntryLocation? location);
            if (error != FsError.Success)
                return error;
            if (location is not { } entry)
                return PathOf(node!, out resolved);
            error = PathOf(entry.Directory, out string directory);
            if (error != FsError.Success)
                return error;
            resolved = (directory == "/" ? "/" : directory + "/") + Encoding.UTF8.GetString(entry.Name);
            return FsError.Success;
        }
    }

    /// <summary>Where each file system is mounted, the root first, in the order they were mounted (/proc/mounts's order).</summary>
    public FsError MountPoints(List<string> paths)
    {
        lock (Sync)
        {
            foreach (Mount mount in Mounts.Mounts)
            {
                string path = "/";
                FsError error = mount.CoveredDirectory is null ? FsError.Success : PathOf(mount.CoveredDirectory, out path);
                if (error != FsError.Success)
                    return error;
                paths.Add(path);
            }
            return FsError.Success;
        }
    }

    /// <summary>inotify_init(2): EMFILE past <see cref="WatchTable.InstanceLimit"/> instances.</summary>
    public FsError CreateWatchInstance(out WatchInstance? instance, int queueLimit = WatchInstance.DefaultQueueLimit)
    {
        lock (Sync)
            return Watches.CreateInstance(this, queueLimit, out instance);
    }

    public FsError StatFs(ReadOnlySpan<byte> path, out FileSystemStatistics statistics)
    {
        lock (Sync)
        {
            statistics = default;
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? node);
            return error != FsError.Success ? error : node!.FileSystem.GetStatistics(out statistics);
        }
    }

    /// <summary>The file system a path lies in (for GetFileSystemType and /proc/mounts).</summary>
    public FsError MountedFileSystemOf(ReadOnlySpan<byte> path, out IFileSystem? fileSystem)
    {
        lock (Sync)
        {
            fileSystem = null;
            FsError error = _resolver.Resolve(_workingDirectory, path, true, out INode? node);
            if (error == FsError.Success)
                fileSystem = node!.FileSystem;
            return error;
        }
    }

    /// <summary>sync(2): every mounted file system.</summary>
    public FsError SyncAll()
    {
        lock (Sync)
        {
            FsError result = FsError.Success;
            foreach (Mount mount in Mounts.Mounts)
            {
                FsError error = mount.FileSystem.Sync();
                if (result == FsError.Success)
                    result = error;
            }
            return result;
        }
    }

    /// <summary>
    /// inotify_add_watch(2): Linux's checks in its order (IN_MASK_ADD with IN_MASK_CREATE, a mask without a known bit,
    /// then the path), IN_DONT_FOLLOW and IN_ONLYDIR applied to the lookup.
    /// </summary>
    internal FsError AddWatch(WatchInstance instance, ReadOnlySpan<byte> path, uint mask, out int descriptor)
    {
        lock (Sync)
        {
            descriptor = 0;
            if (instance.IsClosed)
                return FsError.BadDescriptor;
            if ((mask & WatchMask.MaskAdd) != 0 && (mask & WatchMask.MaskCreate) != 0)
                return FsError.InvalidArgument;
            if ((mask & WatchMask.Known) == 0)
                return FsError.InvalidArgument;
            FsError error = _resolver.Resolve(_workingDirectory, path, (mask & WatchMask.DontFollow) == 0, out INode? node);
            if (error != FsError.Success)
                return error;
            if ((mask & WatchMask.OnlyDirectory) != 0 && node!.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            return Watches.Add(instance, node!, mask, out descriptor);
        }
    }

    /// <summary>
    /// The absolute path of a directory, found by walking ".." to the root and each name up from its parent's listing;
    /// NotFound once the directory is removed. Called with the lock held.
    /// </summary>
    private FsError PathOf(INode directory, out string path)
    {
        path = "";
        var names = new List<byte[]>();
        INode node = directory;
        var listing = new List<DirectoryEntry>();
        while (true)
        {
            FsError error = node.GetAttributes(out NodeAttributes attributes);
            if (error != FsError.Success)
                return error;
            if (attributes.LinkCount == 0)
                return FsError.NotFound;
            Mount mount = Mounts.MountOf(node.FileSystem)!;
            if (mount.IsRootOf(node))
            {
                if (mount.CoveredDirectory is null)
                    break;
                node = mount.CoveredDirectory;
                continue;
            }
            error = node.Lookup(".."u8, out INode? parent);
            if (error != FsError.Success)
                return error;
            listing.Clear();
            error = parent!.ReadDirectory(listing);
            if (error != FsError.Success)
                return error;
            int found = listing.FindIndex(entry => entry.Number == node.Number && entry.Name is not ([(byte)'.'] or [(byte)'.', (byte)'.']));
            if (found < 0)
                return FsError.NotFound;
            names.Add(listing[found].Name);
            node = parent;
        }
        var builder = new StringBuilder();
        for (int i = names.Count - 1; i >= 0; i--)
            builder.Append('/').Append(Encoding.UTF8.GetString(names[i]));
        path = builder.Length == 0 ? "/" : builder.ToString();
        return FsError.Success;
    }

    private FsError Stat(ReadOnlySpan<byte> path, bool follow, out NodeAttributes attributes)
    {
        lock (Sync)
        {
            attributes = default;
            FsError error = _resolver.Resolve(_workingDirectory, path, follow, out INode? node);
            return error != FsError.Success ? error : node!.GetAttributes(out attributes);
        }
    }

    private FsError Change(ReadOnlySpan<byte> path, bool follow, in AttributeChanges changes)
    {
        lock (Sync)
        {
            FsError error = _resolver.ResolveLocated(_workingDirectory, path, follow, out INode? node, out EntryLocation? location);
            if (error != FsError.Success)
                return error;
            if (node!.FileSystem.IsReadOnly)
                return FsError.ReadOnly;
            error = node.SetAttributes(changes);
            if (error == FsError.Success)
                Watches.NotifyChange(location, node, WatchMask.ForChanges(changes));
            return error;
        }
    }

    /// <summary>IN_CREATE for a new entry, once it exists.</summary>
    private FsError Created(FsError error, in ParentResolution parent, bool isDirectory)
    {
        if (error == FsError.Success)
            Watches.NotifyEntry(parent.Directory, parent.Name, isDirectory, WatchMask.Create);
        return error;
    }

    /// <summary>A node lost a link: when it was the last (or its stat fails: it is gone), its watches hear IN_DELETE_SELF.</summary>
    private void LinkGone(INode node)
    {
        if (!Watches.IsWatched(node))
            return;
        if (node.Kind == NodeKind.Directory || node.GetAttributes(out NodeAttributes attributes) != FsError.Success || attributes.LinkCount == 0)
            Watches.Deleted(node);
    }

    /// <summary>rename(2)'s events, in Linux's order: the pair sharing a cookie, the replaced node's link count, IN_MOVE_SELF, the replaced node's deletion.</summary>
    private void Renamed(in ParentResolution source, in ParentResolution target, INode moved, INode? replaced)
    {
        uint cookie = Watches.NextCookie();
        bool isDirectory = moved.Kind == NodeKind.Directory;
        Watches.NotifyEntry(source.Directory, source.Name, isDirectory, WatchMask.MovedFrom, cookie);
        Watches.NotifyEntry(target.Directory, target.Name, isDirectory, WatchMask.MovedTo, cookie);
        if (replaced is not null)
            Watches.NotifySelf(replaced, WatchMask.Attributes);
        Watches.NotifySelf(moved, WatchMask.MoveSelf);
        if (replaced is not null)
            LinkGone(replaced);
    }

    /// <summary>A name about to be created: EEXIST when it exists (even as a dangling symbolic link), then EROFS.</summary>
    /// <summary>
    /// The parent directory and last name of a path that is to name a new entry: Exists when it names one already,
    /// NotFound for a trailing slash unless the new entry is a directory. Called with the lock held.
    /// </summary>
    private FsError ResolveNewName(ReadOnlySpan<byte> path, bool trailingSlashAllowed, out ParentResolution parent)
    {
        FsError error = _resolver.ResolveParent(_workingDirectory, path, out parent);
        if (error != FsError.Success)
            return error;
        if (parent.NamesNoEntry)
            return FsError.Exists;
        error = CheckAbsent(parent);
        if (error != FsError.Success)
            return error;
        return !trailingSlashAllowed && parent.TrailingSlash ? FsError.NotFound : FsError.Success;
    }

    private static FsError CheckAbsent(in ParentResolution parent)
    {
        FsError error = parent.Directory.Lookup(parent.Name, out _);
        if (error == FsError.Success)
            return FsError.Exists;
        if (error != FsError.NotFound)
            return error;
        return parent.Directory.FileSystem.IsReadOnly ? FsError.ReadOnly : FsError.Success;
    }

    private FsError OpenExisting(ReadOnlySpan<byte> path, int flags, out INode? node, out EntryLocation? location, out bool created)
    {
        created = false;
        bool follow = (flags & OpenFlags.NoFollow) == 0;
        FsError error = _resolver.ResolveLocated(_workingDirectory, path, follow, out node, out location);
        if (error == FsError.Success && node!.Kind == NodeKind.SymbolicLink)
        {
            node = null;
            return FsError.Loop;
        }
        return error;
    }

    /// <summary>
    /// O_CREAT: creates the last component when absent, following a symbolic link there to create its target
    /// (unless O_EXCL or O_NOFOLLOW), as Linux does.
    /// </summary>
    private FsError OpenOrCreate(ReadOnlySpan<byte> path, int flags, uint permissions, out INode? node, out EntryLocation? location, out bool created)
    {
        node = null;
        location = null;
        created = false;
        int links = 0;
        INode start = _workingDirectory;
        byte[] currentPath = path.ToArray();
        while (true)
        {
            FsError error = _resolver.ResolveParent(start, currentPath, ref links, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            if (parent.NamesNoEntry || parent.TrailingSlash)
                return FsError.IsADirectory;
            location = new EntryLocation(parent.Directory, parent.Name);
            error = _resolver.Step(parent.Directory, parent.Name, out node);
            if (error == FsError.NotFound)
            {
                if (parent.Directory.FileSystem.IsReadOnly)
                    return FsError.ReadOnly;
                error = parent.Directory.Create(parent.Name, NodeKind.RegularFile, permissions & PermissionBits & ~Umask, 0, 0, out node);
                created = error == FsError.Success;
                return Created(error, parent, isDirectory: false);
            }
            if (error != FsError.Success)
                return error;
            if ((flags & OpenFlags.Exclusive) != 0)
                return FsError.Exists;
            if (node!.Kind != NodeKind.SymbolicLink)
                return FsError.Success;
            if ((flags & OpenFlags.NoFollow) != 0 || ++links > PathResolver.MaximumSymbolicLinks)
                return FsError.Loop;
            error = node.ReadSymbolicLink(out currentPath);
            if (error != FsError.Success)
                return error;
            start = parent.Directory;
        }
    }
}
