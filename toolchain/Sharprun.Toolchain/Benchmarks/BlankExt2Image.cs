using System.IO;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A fresh, empty ext2 disk image made by e2fsprogs' own mke2fs with its defaults (<c>mke2fs -q -t ext2 -F</c>: from
/// 512 MiB 4 KiB blocks and 256-byte inodes), so neither guest of a comparison formats the disk it is measured on,
/// and e2fsck's verdict on what a guest left behind.
/// </summary>
public static class BlankExt2Image
{
    private const string InstallHint = "apt-get install e2fsprogs";

    /// <summary>Replaces <paramref name="path"/> with a sparse file of <paramref name="sizeMiB"/> MiB holding an empty ext2 file system.</summary>
    public static void Create(string path, int sizeMiB)
    {
        string mke2fs = HostExecutable.Locate("mke2fs", InstallHint);
        File.Delete(path);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            file.SetLength((long)sizeMiB << 20);
        var format = ToolProcess.Run(mke2fs, ["-q", "-t", "ext2", "-F", path], Path.GetDirectoryName(Path.GetFullPath(path))!, echo: null);
        if (format.ExitCode != 0)
            throw new ToolchainException($"mke2fs -t ext2 {path} failed with {format.ExitCode}: {PrintableText.Tail(format.Output.Trim(), 400)}");
    }

    /// <summary>Null when <c>e2fsck -fn</c> finds the file system clean, else what it said.</summary>
    public static string? Problems(string path)
    {
        string e2fsck = HostExecutable.Locate("e2fsck", InstallHint);
        var check = ToolProcess.Run(e2fsck, ["-fn", path], Path.GetDirectoryName(Path.GetFullPath(path))!, echo: null);
        return check.ExitCode == 0 ? null : $"e2fsck -fn exited with {check.ExitCode}: {PrintableText.Tail(check.Output.Trim(), 400)}";
    }
}
