using Sharprun.Ext2.TestTools;
using System.Text;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>Changes made through our code, then checked by e2fsck -fn and debugfs, and read back after a remount.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WriteTests
{
    private static readonly long FixedTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + 123_456_789;

    [E2fsTheory]
    [InlineData(1024, 128)]
    [InlineData(1024, 256)]
    [InlineData(4096, 256)]
    public void ChangesPassE2fsckAndDebugfs(int blockSize, int inodeSize)
    {
        using var seed = new SeedTree();
        var image = E2fsTools.MakeImage(seed.Root, blockSize, inodeSize, seed.Seed);
        var payload = new byte[300 * 1024];
        new Random(7).NextBytes(payload);

        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, () => FixedTime, out var fs, out var message));
            Assert.NotNull(fs);
            Assert.Equal("", message);
            var root = fs.Root;
            Assert.Equal(FsError.Success, root.Create("docs"u8, NodeKind.Directory, 0x1ED, 1000, 1000, out var docs));
            Assert.Equal(FsError.Exists, root.Create("docs"u8, NodeKind.Directory, 0x1ED, 0, 0, out _));
            Assert.Equal(FsError.Success, docs!.Create("big.dat"u8, NodeKind.RegularFile, 0x1A4, 1000, 1000, out var big));
            Assert.Equal(FsError.Success, big!.Write(0, payload, out var written));
            Assert.Equal(payload.Length, written);
            Assert.Equal(FsError.Success, big.Write(payload.Length + 5000, "tail"u8, out _));
            Assert.Equal(FsError.Success, docs.Create("short.txt"u8, NodeKind.RegularFile, 0x180, 0, 0, out var shortFile));
            Assert.Equal(FsError.Success, shortFile!.Write(0, "0123456789abcdefghij"u8, out _));
            Assert.Equal(FsError.Success, shortFile.SetAttributes(new AttributeChanges(Size: 10)));
            Assert.Equal(FsError.Success, shortFile.SetAttributes(new AttributeChanges(Permissions: 0x1B6, ModifyTime: 1_000_000_000_000_000_000)));
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "big.bin").SetAttributes(new AttributeChanges(Size: 1000)));
            Assert.Equal(FsError.Success, docs.CreateSymbolicLink("to-short"u8, "short.txt"u8, 0, 0, out _));
            Assert.Equal(FsError.Success, docs.CreateSymbolicLink("to-far"u8, Encoding.UTF8.GetBytes(SeedTree.SlowTarget), 0, 0, out _));
            Assert.Equal(FsError.Success, root.Link("hello-again"u8, NodePaths.Resolve(fs, "hello.txt")));
            Assert.Equal(FsError.Success, root.Unlink("sparse.bin"u8));
            Assert.Equal(FsError.IsADirectory, root.Unlink("sub"u8));
            Assert.Equal(FsError.NotEmpty, root.RemoveDirectory("sub"u8));
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "sub/deeper").Unlink("leaf.txt"u8));
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "sub").RemoveDirectory("deeper"u8));
            Assert.Equal(FsError.Success, root.Rename("sub"u8, docs, "moved"u8));
            Assert.Equal(FsError.InvalidArgument, root.Rename("docs"u8, NodePaths.Resolve(fs, "docs/moved"), "loop"u8));
            Assert.Equal(FsError.Success, root.Rename("fast-link"u8, root, "hello-again"u8));
            Assert.Equal(FsError.Success, root.Create("many"u8, NodeKind.Directory, 0x1ED, 0, 0, out var many));
            for (var i = 0; i < 120; i++)
            {
                Assert.Equal(FsError.Success, many!.Create(Encoding.UTF8.GetBytes($"entry-with-a-longish-name-{i:D4}"), NodeKind.RegularFile, 0x1A4, 0, 0, out _));
            }
            for (var i = 0; i < 120; i += 3)
            {
                Assert.Equal(FsError.Success, many!.Unlink(Encoding.UTF8.GetBytes($"entry-with-a-longish-name-{i:D4}")));
            }

            // Unlinked while open: the data stays readable until the last close.
            Assert.Equal(FsError.Success, root.Create("scratch"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out var scratch));
            scratch!.Open();
            Assert.Equal(FsError.Success, scratch.Write(0, "still here"u8, out _));
            Assert.Equal(FsError.Success, root.Unlink("scratch"u8));
            var buffer = new byte[10];
            Assert.Equal(FsError.Success, scratch.Read(0, buffer, out var read));
            Assert.Equal("still here", Encoding.UTF8.GetString(buffer, 0, read));
            scratch.Close();
            Assert.Equal(FsError.Success, fs.Unmount());
        }

        var (exit, output) = E2fsTools.Check(image);
        Assert.True(exit == 0, output);
        Assert.Equal("0123456789", E2fsTools.Debug(image, "cat /docs/short.txt"));
        var listing = E2fsTools.Debug(image, "ls -l /docs");
        Assert.Contains("big.dat", listing);
        Assert.Contains("moved", listing);
        Assert.Contains("to-far", listing);
        var stat = E2fsTools.Debug(image, "stat /docs/short.txt");
        Assert.Contains("Mode:  0666", stat);
        Assert.Contains("Size: 10", stat);
        Assert.Contains("Links: 1", E2fsTools.Debug(image, "stat /hello.txt"));
        var root2 = E2fsTools.Debug(image, "ls /");
        Assert.DoesNotContain("sparse.bin", root2);
        Assert.DoesNotContain("fast-link", root2);
        Assert.DoesNotContain("scratch", root2);

        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out _));
            var readBack = NodePaths.ReadAll(NodePaths.Resolve(fs!, "docs/big.dat"));
            Assert.Equal(payload.Length + 5004, readBack.Length);
            Assert.Equal(payload, readBack[..payload.Length]);
            Assert.All(readBack[payload.Length..(payload.Length + 5000)], b => Assert.Equal(0, b));
            Assert.Equal("tail", Encoding.UTF8.GetString(readBack[^4..]));
            Assert.Equal("nested file\n", Encoding.UTF8.GetString(NodePaths.ReadAll(NodePaths.Resolve(fs!, "docs/moved/nested.txt"))));
            Assert.Equal(NodePaths.Resolve(fs!, "docs").Number, NodePaths.Resolve(fs!, "docs/moved/..").Number);
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs!, "hello-again").ReadSymbolicLink(out var target));
            Assert.Equal("hello.txt", Encoding.UTF8.GetString(target));
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs!, "docs/to-far").ReadSymbolicLink(out var far));
            Assert.Equal(SeedTree.SlowTarget, Encoding.UTF8.GetString(far));
            Assert.Equal(FsError.Success, NodePaths.Resolve(fs!, "docs/short.txt").GetAttributes(out var attributes));
            Assert.Equal(0x1B6u, attributes.Permissions);
            Assert.Equal(1_000_000_000_000_000_000, attributes.ModifyTime);
            Assert.Equal(80 + 2, NodePaths.List(NodePaths.Resolve(fs!, "many")).Length);
            Assert.Equal(1000, NodePaths.ReadAll(NodePaths.Resolve(fs!, "big.bin")).Length);
            Assert.Equal(FsError.Success, fs!.Unmount());
        }
        Assert.Equal(0, E2fsTools.Check(image).ExitCode);
    }

    [E2fsTheory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void FillingTheDiskEndsInNoSpaceAndStaysClean(int blockSize)
    {
        using var seed = new SeedTree();
        var image = E2fsTools.MakeImage(seed.Root, blockSize, 128, seed.Seed);
        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out _));
            var chunk = new byte[64 * 1024];
            new Random(3).NextBytes(chunk);
            var last = FsError.Success;
            for (var file = 0; file < 40 && last == FsError.Success; file++)
            {
                Assert.Equal(FsError.Success, fs!.Root.Create(Encoding.UTF8.GetBytes($"fill{file}"), NodeKind.RegularFile, 0x1A4, 0, 0, out var node));
                long offset = 0;
                while (true)
                {
                    last = node!.Write(offset, chunk, out var written);
                    offset += written;
                    if (last != FsError.Success || written < chunk.Length)
                    {
                        if (last == FsError.Success)
                        {
                            last = node.Write(offset, chunk, out _);
                        }
                        break;
                    }
                }
            }
            Assert.Equal(FsError.NoSpace, last);
            Assert.Equal(FsError.Success, fs!.GetStatistics(out var statistics));
            Assert.Equal(0, statistics.FreeBlocks);
            Assert.Equal(FsError.Success, fs.Root.Unlink("fill0"u8));
            Assert.Equal(FsError.Success, fs.Unmount());
        }
        var (exit, output) = E2fsTools.Check(image);
        Assert.True(exit == 0, output);
    }
}
