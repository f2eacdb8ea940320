using Sharprun.Ext2.TestTools;
using System.Text;
using Xunit;

namespace Sharprun.Toolchain.Tests.Disks;

/// <summary>The disk commands end to end: images they write judged by e2fsck and debugfs, images mke2fs wrote read by them.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DiskCommandTests : IDisposable
{
    private static readonly DateTime Stamp = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private readonly string _root = Directory.CreateTempSubdirectory("sharprun-disk-").FullName;
    private readonly byte[] _big = new byte[300 * 1024];

    public DiskCommandTests()
    {
        new Random(3).NextBytes(_big);
        var seed = Path.Combine(_root, "seed");
        Directory.CreateDirectory(Path.Combine(seed, "etc", "deep"));
        File.WriteAllText(Path.Combine(seed, "etc", "app.json"), "{\"port\": 8080}\n");
        File.WriteAllText(Path.Combine(seed, "etc", "deep", "leaf.txt"), "leaf\n");
        File.WriteAllBytes(Path.Combine(seed, "big.bin"), _big);
        File.CreateSymbolicLink(Path.Combine(seed, "config"), "etc/app.json");
        File.SetUnixFileMode(Path.Combine(seed, "etc", "app.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetLastWriteTimeUtc(Path.Combine(seed, "etc", "app.json"), Stamp);
        File.SetLastWriteTimeUtc(Path.Combine(seed, "big.bin"), Stamp);
        Directory.SetLastWriteTimeUtc(Path.Combine(seed, "etc", "deep"), Stamp);
        Directory.SetLastWriteTimeUtc(Path.Combine(seed, "etc"), Stamp);
        Seed = seed;
    }

    private string Seed { get; }

    public void Dispose() => Directory.Delete(_root, true);

    private string Image(string name = "disk.img") => Path.Combine(_root, name);

    private string CreateFromSeed(params string[] extra)
    {
        var image = Image();
        DiskCli.Run(["disk", "create", image, "--size", "8M", "--from", Seed, .. extra]).Succeeds();
        return image;
    }

    [E2fsFact]
    public void CreateFromDirectoryIsCleanAndReadsBackWithDebugfs()
    {
        var image = CreateFromSeed();
        Assert.Equal(8L << 20, new FileInfo(image).Length);
        E2fsTools.AssertClean(image);
        Assert.Equal("{\"port\": 8080}\n", E2fsTools.Debug(image, "cat /etc/app.json"));
        Assert.Equal("leaf\n", E2fsTools.Debug(image, "cat /etc/deep/leaf.txt"));
        Assert.Contains("Fast link dest: \"etc/app.json\"", E2fsTools.Debug(image, "stat /config"));
        var stat = E2fsTools.Debug(image, "stat /etc/app.json");
        Assert.Contains("Mode:  0640", stat);
        Assert.Contains("mtime: 0x" + ((uint)(Stamp - DateTime.UnixEpoch).TotalSeconds).ToString("x8"), stat);
    }

    [E2fsFact]
    public void CreateWithFourKilobyteBlocksIsClean()
    {
        var image = CreateFromSeed("--block-size", "4096");
        E2fsTools.AssertClean(image);
        Assert.Contains("Block size:               4096", E2fsTools.Run("/usr/sbin/dumpe2fs", "-h", image).Output);
    }

    [Fact]
    public void LongListingOfAKnownTree()
    {
        var image = CreateFromSeed();
        var listing = DiskCli.Run("disk", "ls", image, "/etc", "-l").Succeeds().Text;
        Assert.Equal(
            "-rw-r----- 1 0 0   15 2021-03-04 05:06 app.json\n" +
            "drwxr-xr-x 2 0 0 1024 2021-03-04 05:06 deep\n",
            listing);
        var root = DiskCli.Run("disk", "ls", image, "-l").Succeeds().Text;
        Assert.Matches(@"(?m)^lrwxrwxrwx 1 0 0 +12 \S+ \S+ config -> etc/app\.json$", root);
        Assert.Matches(@"(?m)^-rw-r--r-- 1 0 0 307200 2021-03-04 05:06 big\.bin$", root);
        Assert.Equal("big.bin\nconfig\netc\nlost+found\n", DiskCli.Run("disk", "ls", image).Succeeds().Text);
    }

    [Fact]
    public void CatWritesTheBytesAndFollowsLinks()
    {
        var image = CreateFromSeed();
        Assert.Equal(_big, DiskCli.Run("disk", "cat", image, "/big.bin").Succeeds().Output);
        Assert.Equal("{\"port\": 8080}\n", DiskCli.Run("disk", "cat", image, "config").Succeeds().Text);
    }

    [E2fsFact]
    public void CopyInAndOut()
    {
        var image = Image();
        DiskCli.Run("disk", "create", image, "--size", "4M").Succeeds();
        var host = Path.Combine(_root, "app.json");
        File.WriteAllText(host, "copied in\n");
        DiskCli.Run("disk", "cp", image, Seed, ":/srv", "-r").Succeeds();
        DiskCli.Run("disk", "cp", image, host, ":/srv/etc").Succeeds();
        DiskCli.Run("disk", "cp", image, host, ":/renamed.json").Succeeds();
        E2fsTools.AssertClean(image);
        Assert.Equal("copied in\n", E2fsTools.Debug(image, "cat /srv/etc/app.json"));
        Assert.Equal("copied in\n", E2fsTools.Debug(image, "cat /renamed.json"));

        var back = Path.Combine(_root, "back");
        DiskCli.Run("disk", "cp", image, ":/srv", back, "-r").Succeeds();
        Assert.Equal(_big, File.ReadAllBytes(Path.Combine(back, "big.bin")));
        Assert.Equal("leaf\n", File.ReadAllText(Path.Combine(back, "etc", "deep", "leaf.txt")));
        Assert.Equal("etc/app.json", new FileInfo(Path.Combine(back, "config")).LinkTarget);
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(Path.Combine(back, "big.bin")));

        var single = Path.Combine(_root, "single.json");
        DiskCli.Run("disk", "cp", image, ":/renamed.json", single).Succeeds();
        Assert.Equal("copied in\n", File.ReadAllText(single));
    }

    [Fact]
    public void CheckOfAGoodImage()
    {
        var image = CreateFromSeed();
        var check = DiskCli.Run("disk", "check", image).Succeeds();
        Assert.Contains("3 files, 4 directories, 1 symbolic links", check.Text);
        Assert.Contains("no problems found", check.Text);
    }

    [E2fsFact]
    public void CheckOfADamagedImageNamesThePath()
    {
        var image = CreateFromSeed();
        // A block pointer far outside the file system: the guest could not read this file.
        E2fsTools.Run(E2fsTools.Debugfs, "-w", "-R", "sif /etc/deep/leaf.txt block[0] 99999999", image);
        var check = DiskCli.Run("disk", "check", image);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains(":/etc/deep/leaf.txt: ", check.Text);
        Assert.Contains("1 problem(s)", check.Text);
    }

    [E2fsFact]
    public void ImageMadeByMke2fsIsListedAndRead()
    {
        var image = Image("mke2fs.img");
        var (exit, output) = E2fsTools.Run(E2fsTools.Mke2fs, "-q", "-F", "-t", "ext2", "-d", Seed, image, "8M");
        Assert.True(exit == 0, output);
        Assert.Equal("big.bin\nconfig\netc\nlost+found\n", DiskCli.Run("disk", "ls", image).Succeeds().Text);
        Assert.Contains("-rw-r----- 1 ", DiskCli.Run("disk", "ls", image, "/etc", "-l").Succeeds().Text);
        Assert.Equal(_big, DiskCli.Run("disk", "cat", image, "/big.bin").Succeeds().Output);
        Assert.Equal(0, DiskCli.Run("disk", "check", image).ExitCode);
    }

    [Fact]
    public void ErrorsAreOneLineAndNonZero()
    {
        var image = CreateFromSeed();
        var missing = DiskCli.Run("disk", "ls", Image("missing.img"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"sharprun: error: no such disk image: '{Image("missing.img")}'\n", missing.Error);

        var notFound = DiskCli.Run("disk", "cat", image, "/etc/nope");
        Assert.Equal(1, notFound.ExitCode);
        Assert.Contains(":/etc/nope: no such file or directory", notFound.Error);

        var notExt2 = Image("zeros.img");
        File.WriteAllBytes(notExt2, new byte[1 << 20]);
        var refused = DiskCli.Run("disk", "check", notExt2);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot mount: ext2: bad magic number", refused.Error);

        Assert.Contains("already exists", DiskCli.Run("disk", "create", image, "--size", "8M").Error);
        DiskCli.Run("disk", "create", image, "--size", "2M", "--force").Succeeds();
        Assert.Contains("too small", DiskCli.Run("disk", "create", Image("tiny.img"), "--size", "16K").Error);
        Assert.False(File.Exists(Image("tiny.img")));
        Assert.Equal(2, DiskCli.Run("disk", "create", Image("x.img"), "--size", "12Q").ExitCode);
        Assert.Equal(2, DiskCli.Run("disk", "cp", image, "a", "b").ExitCode);
        Assert.Contains("is a directory", DiskCli.Run("disk", "cat", image, "/").Error);
        Assert.Contains("use -r", DiskCli.Run("disk", "cp", image, Seed, ":/").Error);
    }
}
