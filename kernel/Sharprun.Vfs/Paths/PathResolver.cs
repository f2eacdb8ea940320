using Sharprun.Vfs.Mounts;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Paths;

/// <summary>
/// Resolves paths component by component as Linux's path walk does: absolute from the root mount's root, relative
/// from a working directory; repeated slashes collapse; symbolic links are followed in the middle always and at the
/// end on request (a trailing slash forces it), at most <see cref="MaximumSymbolicLinks"/> per resolution; lookups
/// cross into mounted file systems and ".." at a mounted root climbs to the covered directory's parent.
/// </summary>
public sealed class PathResolver(MountTable mounts)
{
    /// <summary>PATH_MAX, which counts the terminating NUL: a path must be shorter.</summary>
    public const int MaximumPathLength = 4096;

    public const int MaximumNameLength = 255;

    /// <summary>Linux's MAXSYMLINKS.</summary>
    public const int MaximumSymbolicLinks = 40;

    public MountTable Mounts => mounts;

    /// <summary>The node a path names; <paramref name="followLast"/> false for lstat, O_NOFOLLOW and the like.</summary>
    public FsError Resolve(INode workingDirectory, ReadOnlySpan<byte> path, bool followLast, out INode? node)
    {
        int links = 0;
        return Resolve(workingDirectory, path, followLast, ref links, out node, out _);
    }

    /// <summary>Like <see cref="Resolve(INode, ReadOnlySpan{byte}, bool, out INode?)"/>, with the entry the last step went through (after any link followed).</summary>
    public FsError ResolveLocated(INode workingDirectory, ReadOnlySpan<byte> path, bool followLast, out INode? node, out EntryLocation? location)
    {
        int links = 0;
        return Resolve(workingDirectory, path, followLast, ref links, out node, out location);
    }

    /// <summary>The directory holding a path's last component, and that component, for calls that create or remove it.</summary>
    public FsError ResolveParent(INode workingDirectory, ReadOnlySpan<byte> path, out ParentResolution parent)
    {
        int links = 0;
        return ResolveParent(workingDirectory, path, ref links, out parent);
    }

    /// <summary>One lookup in a directory, crossing mounts both ways (no symbolic link followed).</summary>
    public FsError Step(INode directory, ReadOnlySpan<byte> name, out INode? node)
    {
        node = null;
        if (directory.Kind != NodeKind.Directory)
            return FsError.NotADirectory;
        if (name.Length > MaximumNameLength)
            return FsError.NameTooLong;
        bool dotDot = name is [(byte)'.', (byte)'.'];
        if (dotDot)
        {
            for (Mount? mount = mounts.MountOf(directory.FileSystem);
                 mount is { CoveredDirectory: not null } && mount.IsRootOf(directory);
                 mount = mount.Parent)
            {
                directory = mount.CoveredDirectory;
            }
        }
        FsError error = directory.Lookup(name, out node);
        if (error != FsError.Success)
            return error;
        if (name is [(byte)'.'])
            return FsError.Success;
        for (Mount? covering = mounts.MountedOn(node!); covering is not null; covering = mounts.MountedOn(node!))
            node = covering.Root;
        return FsError.Success;
    }

    /// <summary>Follows a symbolic link found in <paramref name="directory"/>, counting it against the resolution's limit.</summary>
    internal FsError Follow(INode directory, INode link, ref int links, out INode? node)
    {
        node = null;
        if (++links > MaximumSymbolicLinks)
            return FsError.Loop;
        FsError error = link.ReadSymbolicLink(out byte[] target);
        if (error != FsError.Success)
            return error;
        return Resolve(directory, target, true, ref links, out node, out _);
    }

    /// <summary>
    /// The walk: the parent, then the last name, following a symbolic link there (from the directory holding it) as
    /// often as asked; a trailing slash anywhere on the way demands a directory at the end.
    /// </summary>
    internal FsError Resolve(INode workingDirectory, ReadOnlySpan<byte> path, bool followLast, ref int links, out INode? node, out EntryLocation? location)
    {
        node = null;
        location = null;
        INode start = workingDirectory;
        ReadOnlySpan<byte> current = path;
        bool mustBeDirectory = false;
        while (true)
        {
            FsError error = ResolveParent(start, current, ref links, out ParentResolution parent);
            if (error != FsError.Success)
                return error;
            if (parent.Name.Length == 0)
            {
                node = parent.Directory;
                return FsError.Success;
            }
            mustBeDirectory |= parent.TrailingSlash;
            error = Step(parent.Directory, parent.Name, out INode? found);
            if (error != FsError.Success)
                return error;
            if (found!.Kind == NodeKind.SymbolicLink && (followLast || parent.TrailingSlash))
            {
                if (++links > MaximumSymbolicLinks)
                    return FsError.Loop;
                error = found.ReadSymbolicLink(out byte[] target);
                if (error != FsError.Success)
                    return error;
                start = parent.Directory;
                current = target;
                followLast = true;
                continue;
            }
            if (mustBeDirectory && found.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            node = found;
            location = parent.NamesDot || parent.NamesDotDot ? null : new EntryLocation(parent.Directory, parent.Name);
            return FsError.Success;
        }
    }

    internal FsError ResolveParent(INode workingDirectory, ReadOnlySpan<byte> path, ref int links, out ParentResolution parent)
    {
        parent = default;
        if (path.IsEmpty)
            return FsError.NotFound;
        if (path.Length >= MaximumPathLength)
            return FsError.NameTooLong;
        INode directory = path[0] == '/' ? mounts.Root.Root : workingDirectory;
        int position = SkipSlashes(path, 0);
        while (position < path.Length)
        {
            int end = path[position..].IndexOf((byte)'/');
            end = end < 0 ? path.Length : position + end;
            ReadOnlySpan<byte> name = path[position..end];
            if (name.Length > MaximumNameLength)
                return FsError.NameTooLong;
            int next = SkipSlashes(path, end);
            if (next == path.Length)
            {
                parent = new ParentResolution(directory, name.ToArray(), next > end);
                return FsError.Success;
            }
            FsError error = Step(directory, name, out INode? node);
            if (error != FsError.Success)
                return error;
            if (node!.Kind == NodeKind.SymbolicLink)
            {
                error = Follow(directory, node, ref links, out node);
                if (error != FsError.Success)
                    return error;
            }
            if (node!.Kind != NodeKind.Directory)
                return FsError.NotADirectory;
            directory = node;
            position = next;
        }
        parent = new ParentResolution(directory, [], true);
        return FsError.Success;
    }

    private static int SkipSlashes(ReadOnlySpan<byte> path, int position)
    {
        while (position < path.Length && path[position] == '/')
            position++;
        return position;
    }
}
