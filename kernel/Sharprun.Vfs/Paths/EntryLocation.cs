using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Paths;

/// <summary>
/// The directory entry a path reached a node through: the directory and the name in it. What inotify reports a
/// change of the node to the directory's watches by. None for a path that ends in ".", ".." or a root.
/// </summary>
public readonly record struct EntryLocation(INode Directory, byte[] Name)
{
    /// <summary>The name still leads to <paramref name="node"/> (it has not been unlinked or renamed away).</summary>
    public bool Leads(INode node) =>
        Directory.Lookup(Name, out INode? found) == FsError.Success && found!.Number == node.Number && found.FileSystem == node.FileSystem;
}
