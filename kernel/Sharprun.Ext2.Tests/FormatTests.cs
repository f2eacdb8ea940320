using Sharprun.Ext2.TestTools;
using System.Text;
using Sharprun.Ext2.Format;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>File systems made by our formatter, judged by e2fsck and dumpe2fs, then mounted and written by our code.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FormatTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ext2-format-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [E2fsTheory]
    [InlineData(2L << 20, null, "1024")]
    [InlineData(8L << 20, 1024, "1024")]
    [InlineData(8L << 20, 2048, "2048")]
    [InlineData(8L << 20, 4096, "4096")]
    [InlineData(64L << 20, null, "1024")]
    [InlineData(600L << 20, null, "4096")]
    [InlineData((200L << 20) + 12345, 4096, "4096")]
    public void FreshFileSystemIsCleanAndHasTheFeatures(long size, int? blockSize, string expectedBlockSize)
    {
        var image = Format(size, blockSize);

        var (exit, output) = E2fsTools.Check(image);
        Assert.True(exit == 0, output);
        var summary = E2fsTools.SuperblockSummary(image);
        Assert.Matches(@"Filesystem features:\s+ext_attr filetype sparse_super large_file", summary);
        Assert.Matches($@"Block size:\s+{expectedBlockSize}\n", summary);
        Assert.Matches(@"Inode size:\s+256\n", summary);
        Assert.Matches(@"Filesystem revision #:\s+1 \(dynamic\)", summary);
        Assert.Contains("lost+found", E2fsTools.Debug(image, "ls -l /"));
    }

    [E2fsFact]
    public void MountsAndStaysCleanAfterWrites()
    {
        var image = Format(8L << 20, null);
        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fileSystem, out var message));
            Assert.Equal("", message);
            var root = fileSystem!.Root;
            Assert.Equal(FsError.Success, root.Create("dir"u8, NodeKind.Directory, 0x1ED, 0, 0, out var directory));
            Assert.Equal(FsError.Success, directory!.Create("data.bin"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out var file));
            var data = new byte[300_000];
            new Random(7).NextBytes(data);
            Assert.Equal(FsError.Success, file!.Write(0, data, out var written));
            Assert.Equal(data.Length, written);
            Assert.Equal(FsError.Success, root.CreateSymbolicLink("link"u8, "dir/data.bin"u8, 0, 0, out _));
            Assert.Equal(data, NodePaths.ReadAll(NodePaths.Resolve(fileSystem, "dir/data.bin")));
            Assert.Equal([".", "..", "dir", "link", "lost+found"], NodePaths.List(root));
            Assert.Equal(FsError.Success, fileSystem.Unmount());
        }

        var (exit, output) = E2fsTools.Check(image);
        Assert.True(exit == 0, output);
        Assert.Equal("dir/data.bin", E2fsTools.Debug(image, "stat /link").Split("Fast link dest: \"")[1].Split('"')[0]);
    }

    [Fact]
    public void TooSmallADeviceIsRefused()
    {
        var image = Path.Combine(_directory, "tiny.img");
        File.WriteAllBytes(image, new byte[64 * 1024]);
        using var device = new ImageFileBlockDevice(image);
        Assert.Equal(FsError.NoSpace, Ext2Formatter.Format(device, new Ext2FormatOptions(), out var message));
        Assert.Contains("too small", message);
    }

    [Fact]
    public void OddBlockSizeIsRefused()
    {
        var image = Path.Combine(_directory, "odd.img");
        File.WriteAllBytes(image, new byte[1 << 20]);
        using var device = new ImageFileBlockDevice(image);
        Assert.Equal(FsError.InvalidArgument, Ext2Formatter.Format(device, new Ext2FormatOptions(BlockSize: 3000), out var message));
        Assert.Contains("3000", message);
    }

    [Fact]
    public void ReadOnlyDeviceIsRefused()
    {
        var image = Path.Combine(_directory, "ro.img");
        File.WriteAllBytes(image, new byte[1 << 20]);
        using var device = new ImageFileBlockDevice(image, readOnly: true);
        Assert.Equal(FsError.ReadOnly, Ext2Formatter.Format(device, new Ext2FormatOptions(), out _));
    }

    private string Format(long size, int? blockSize)
    {
        var image = Path.Combine(_directory, $"fresh-{size}-{blockSize}.img");
        using (var file = new FileStream(image, FileMode.CreateNew))
        {
            file.SetLength(size);
        }
        using var device = new ImageFileBlockDevice(image);
        var error = Ext2Formatter.Format(device, new Ext2FormatOptions(BlockSize: blockSize), out var message);
        Assert.True(error == FsError.Success, message);
        return image;
    }
}
