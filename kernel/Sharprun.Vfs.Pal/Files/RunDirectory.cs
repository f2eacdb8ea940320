using System.Text;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Files;

/// <summary>
/// /run in the tmpfs root, holding the files kernel libraries publish (<see cref="RunDirectoryFiles"/>). Each is
/// replaced whole through a rename, so a reader sees the old contents or the new, never half of them.
/// </summary>
internal static class RunDirectory
{
    private const uint DirectoryPermissions = 0x1ED; // 0755
    private const uint FilePermissions = 0x1A4; // 0644

    public static void Attach(VirtualFileSystem tree)
    {
        tree.MakeDirectory("/run"u8, DirectoryPermissions);
        RunDirectoryFiles.Attach((name, contents) => Write(tree, name, contents));
    }

    private static void Write(VirtualFileSystem tree, string name, byte[] contents)
    {
        byte[] path = Encoding.UTF8.GetBytes("/run/" + name);
        byte[] staging = Encoding.UTF8.GetBytes("/run/." + name + ".new");
        FsError error = tree.Open(staging, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, FilePermissions, out OpenFile? file);
        if (error == FsError.Success)
        {
            error = file!.Write(contents, out _);
            FsError closed = file.Close();
            if (error == FsError.Success)
                error = closed;
        }
        if (error == FsError.Success)
            error = tree.Rename(staging, path);
        if (error != FsError.Success)
            KernelLog.Write($"fs: cannot write /run/{name}: {FileErrors.Describe(error)}\n");
    }
}
