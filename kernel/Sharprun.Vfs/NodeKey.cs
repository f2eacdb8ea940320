using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs;

/// <summary>
/// Which node a thing is about, independent of the object a file system hands out (ext2 may return a fresh object
/// for a node nobody holds open): the file system by reference and the inode number.
/// </summary>
public readonly record struct NodeKey(IFileSystem FileSystem, ulong Number)
{
    public static NodeKey Of(INode node) => new(node.FileSystem, node.Number);
}
