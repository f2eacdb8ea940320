using Sharprun.Kernel.Diagnostics;
using Sharprun.Vfs.Baked;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Baked;

/// <summary>
/// Mounts the image's baked files (the project's content items under /app, /etc/hosts, the tz database under
/// /usr/share/zoneinfo, and what <c>sharprun build --files</c> added) read-only into the tree: each top-level directory
/// of the archive over a directory of that name in the tmpfs root, so /tmp and the rest of the root stay writable as
/// before. A damaged archive stops the guest with the reason: the application would otherwise miss files it ships with.
/// </summary>
internal static class BakedMounts
{
    private const uint MountPointPermissions = 0x1ED; // 0755

    public static void MountAll(VirtualFileSystem tree)
    {
        FsError error = BakedArchive.TryParse(EmbeddedArchive.Bytes, out BakedArchive? archive, out string message);
        if (error != FsError.Success || archive is null)
        {
            Panic.Fail(message);
            return;
        }
        if (archive.TopLevelOthers is [string stray, ..])
            Panic.Fail($"baked files: /{stray} is not inside a directory (only directories can be baked at the root)");
        foreach (string directory in archive.TopLevelDirectories)
        {
            byte[] path = System.Text.Encoding.UTF8.GetBytes("/" + directory);
            error = tree.MakeDirectory(path, MountPointPermissions);
            if (error is FsError.Success or FsError.Exists)
                error = tree.Mount(path, archive.FileSystemAt(directory)!);
            if (error != FsError.Success)
                Panic.Fail($"baked files: cannot mount /{directory}: {FileErrors.Describe(error)}");
        }
    }
}
