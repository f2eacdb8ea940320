using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Vfs.Pal.Disks;

/// <summary>A mounted disk: its file system and the write-back cache beneath it.</summary>
internal sealed record MountedDisk(IFileSystem FileSystem, CachedBlockDevice Cache);
