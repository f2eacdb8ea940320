using System.Diagnostics;
using Sharprun.Ext2.TestTools;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Files;

/// <summary>
/// Disks through <c>sharprun run --disk</c>, on bare metal (virtio-blk; Xen has no blkfront yet): an image that
/// mke2fs -d seeded is read as Linux reads it, the guest's writes print what the NativeAOT linux-x64 build prints on
/// the host for the same seed, e2fsck -fn finds the disk clean after the guest exits, debugfs reads back what was
/// written, and a second boot finds it intact. A full disk ends in ENOSPC with the file system still clean; ext4
/// mounts read-only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DiskTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-disks-");

    public void Dispose() => _folder.Delete(recursive: true);

    [E2fsFact]
    public void AWrittenTreeIsWhatLinuxWritesCleanForE2fsckAndIntactAtTheNextBoot()
    {
        string seedRoot = MakeSeed();
        string image = Path.Combine(_folder.FullName, "disk.img");
        MakeFileSystem(image, "ext2", "64M", seedRoot);

        var written = Boot("disks", image, "write", "/data");
        string host = Path.Combine(_folder.FullName, "host");
        Directory.CreateDirectory(host);
        Copy(Path.Combine(seedRoot, "seed"), host);
        var reference = NativeAotReference.Run("disks", "write", host);
        Assert.Equal(reference.Output, written.Output);
        Assert.Equal(reference.ExitCode, written.ExitCode);
        E2fsTools.AssertClean(image);

        Assert.Equal("renamed\n", E2fsTools.Debug(image, "cat /tree/new-name.txt"));
        Assert.Equal("inside\n", E2fsTools.Debug(image, "cat /tree/dir-b/inner/f.txt"));
        Assert.Contains("f1499.txt", E2fsTools.Debug(image, "ls /tree/many"));
        Assert.DoesNotContain("f1497.txt", E2fsTools.Debug(image, "ls /tree/many"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(host, "tree", "size-4097.bin")), DumpFile(image, "/tree/size-4097.bin"));

        var again = Boot("disks", image, "verify", "/data");
        Assert.Equal(NativeAotReference.Run("disks", "verify", host).Output, again.Output);
        E2fsTools.AssertClean(image);
    }

    [E2fsFact]
    public void TheFileProgramOnExt2PrintsWhatLinuxPrints()
    {
        string image = Path.Combine(_folder.FullName, "files.img");
        MakeFileSystem(image, "ext2", "32M", seed: null);
        var guest = Boot("files", image, "/data");
        string host = Path.Combine(_folder.FullName, "host");
        Directory.CreateDirectory(host);
        var reference = NativeAotReference.Run("files", host);
        Assert.Equal(reference.Output, guest.Output);
        Assert.Equal(reference.Error, guest.Error);
        E2fsTools.AssertClean(image);
    }

    [E2fsFact]
    public void AFullDiskEndsInNoSpaceAndStaysClean()
    {
        string image = Path.Combine(_folder.FullName, "small.img");
        MakeFileSystem(image, "ext2", "6M", seed: null);
        var guest = Boot("disks", image, "fill", "/data");
        Assert.Contains("full after at least 5 MiB: IOException: No space left on device : 'FOLDER/big.bin' (HResult 28)", guest.Output);
        Assert.Contains("after deleting the big file: room again", guest.Output);
        E2fsTools.AssertClean(image);
    }

    [E2fsFact]
    public void Ext4IsReadReadOnly()
    {
        string seedRoot = MakeSeed();
        string image = Path.Combine(_folder.FullName, "ext4.img");
        MakeFileSystem(image, "ext4", "32M", seedRoot);
        var guest = SharprunProcess.Run(TimeSpan.FromMinutes(5), "run", GuestImages.Get("disks"), "--timeout", "240", "--memory", "64", "-v", "--disk", image, "--", "write", "/data");
        string host = Path.Combine(_folder.FullName, "host");
        Directory.CreateDirectory(host);
        Copy(Path.Combine(seedRoot, "seed"), host);
        // The seed's listing, up to the first line the host's write printed (the guest's write fails before it).
        string seedListing = NativeAotReference.Run("disks", "write", host).Output.Split("random access reads back")[0];
        Assert.StartsWith(seedListing, guest.Output);
        Assert.Contains("ext4: mounted read-only", guest.Error);
        Assert.Contains("Read-only file system", guest.Error);
        Assert.NotEqual(0, guest.ExitCode);
        E2fsTools.AssertClean(image);
    }

    private static SharprunProcess.Result Boot(string name, string image, params string[] arguments)
    {
        var result = GuestImages.BootWith(name, ["--disk", image + ":/data"], arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>seed/: text, a binary, nested folders, an empty file, a symbolic link, set modes and times.</summary>
    private string MakeSeed()
    {
        string seedRoot = Path.Combine(_folder.FullName, "seed-root-" + Guid.NewGuid().ToString("N"));
        string seed = Path.Combine(seedRoot, "seed");
        Directory.CreateDirectory(Path.Combine(seed, "sub", "deep"));
        File.WriteAllText(Path.Combine(seed, "hello.txt"), "hello from mke2fs\n");
        File.WriteAllBytes(Path.Combine(seed, "pattern.bin"), Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 + i / 256)).ToArray());
        File.WriteAllText(Path.Combine(seed, "sub", "deep", "note.txt"), "deep\n");
        File.WriteAllBytes(Path.Combine(seed, "empty"), []);
        File.CreateSymbolicLink(Path.Combine(seed, "link"), "hello.txt");
        File.SetUnixFileMode(Path.Combine(seed, "hello.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var stamp = new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        foreach (string path in Directory.EnumerateFileSystemEntries(seed, "*", SearchOption.AllDirectories).Where(path => !path.EndsWith("link")))
        {
            if (Directory.Exists(path))
                Directory.SetLastWriteTimeUtc(path, stamp);
            else
                File.SetLastWriteTimeUtc(path, stamp);
        }
        return seedRoot;
    }

    private static void MakeFileSystem(string image, string type, string size, string? seed)
    {
        var arguments = new List<string> { "-q", "-F", "-t", type };
        if (seed is not null)
            arguments.AddRange(["-d", seed]);
        arguments.AddRange([image, size]);
        var (exit, output) = E2fsTools.Run(E2fsTools.Mke2fs, [.. arguments]);
        Assert.True(exit == 0, $"mke2fs failed: {output}");
    }

    /// <summary>cp -a: the seed's modes, times and link as the guest sees them on its disk.</summary>
    private static void Copy(string source, string destinationParent)
    {
        using var process = Process.Start("cp", ["-a", source, destinationParent])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private byte[] DumpFile(string image, string path)
    {
        string target = Path.Combine(_folder.FullName, "dump-" + Guid.NewGuid().ToString("N"));
        E2fsTools.Debug(image, $"dump {path} {target}");
        return File.ReadAllBytes(target);
    }
}
