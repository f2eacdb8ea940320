using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Mounts;

/// <summary>
/// One file system attached to the tree: its root hides <see cref="CoveredDirectory"/> (none for the root mount),
/// which belongs to <see cref="Parent"/>. <see cref="Users"/> counts open files and working directories inside it.
/// </summary>
public sealed class Mount
{
    internal Mount(IFileSystem fileSystem, Mount? parent, INode? coveredDirectory)
    {
        FileSystem = fileSystem;
        Parent = parent;
        CoveredDirectory = coveredDirectory;
    }

    public IFileSystem FileSystem { get; }

    public INode Root => FileSystem.Root;

    public Mount? Parent { get; }

    public INode? CoveredDirectory { get; }

    /// <summary>Mounts whose covered directory lies in this one.</summary>
    public int Children { get; internal set; }

    public int Users { get; internal set; }

    public bool IsRootOf(INode node) => node.FileSystem == FileSystem && node.Number == FileSystem.Root.Number;
}
