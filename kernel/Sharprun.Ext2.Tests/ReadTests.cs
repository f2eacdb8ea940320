using Sharprun.Ext2.TestTools;
using System.Text;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>Images made by mke2fs -d read back through our code: contents, listings, links, holes, attributes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadTests
{
    [E2fsTheory]
    [InlineData(1024, 128)]
    [InlineData(1024, 256)]
    [InlineData(4096, 128)]
    [InlineData(4096, 256)]
    public void SeededImageReadsBack(int blockSize, int inodeSize)
    {
        using var seed = new SeedTree();
        var image = E2fsTools.MakeImage(seed.Root, blockSize, inodeSize, seed.Seed);
        using var device = new ImageFileBlockDevice(image, readOnly: true);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, true, out var fs, out var message));
        Assert.NotNull(fs);
        Assert.Equal("ext2", fs.TypeName);

        Assert.Equal("hello, ext2\n", Encoding.UTF8.GetString(NodePaths.ReadAll(NodePaths.Resolve(fs, "hello.txt"))));
        Assert.Equal("nested file\n", Encoding.UTF8.GetString(NodePaths.ReadAll(NodePaths.Resolve(fs, "sub/nested.txt"))));
        Assert.Equal("leaf\n", Encoding.UTF8.GetString(NodePaths.ReadAll(NodePaths.Resolve(fs, "sub/deeper/leaf.txt"))));
        Assert.Equal(seed.Big, NodePaths.ReadAll(NodePaths.Resolve(fs, "big.bin")));

        var sparse = NodePaths.ReadAll(NodePaths.Resolve(fs, "sparse.bin"));
        var expectedSparse = new byte[1024 * 1024];
        "middle"u8.CopyTo(expectedSparse.AsSpan(300 * 1024));
        Assert.Equal(expectedSparse, sparse);
        Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "sparse.bin").GetAttributes(out var sparseAttributes));
        Assert.True(sparseAttributes.AllocatedBytes < 64 * 1024, $"sparse file allocates {sparseAttributes.AllocatedBytes}");

        var fast = NodePaths.Resolve(fs, "fast-link");
        Assert.Equal(NodeKind.SymbolicLink, fast.Kind);
        Assert.Equal(FsError.Success, fast.ReadSymbolicLink(out var fastTarget));
        Assert.Equal("hello.txt", Encoding.UTF8.GetString(fastTarget));
        Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "slow-link").ReadSymbolicLink(out var slowTarget));
        Assert.Equal(SeedTree.SlowTarget, Encoding.UTF8.GetString(slowTarget));

        Assert.Equal([".", "..", "big.bin", "fast-link", "hello.txt", "lost+found", "slow-link", "sparse.bin", "sub"], NodePaths.List(fs.Root));
        Assert.Equal([".", "..", "deeper", "nested.txt"], NodePaths.List(NodePaths.Resolve(fs, "sub")));
        Assert.Same(fs.Root, NodePaths.Resolve(fs, ".."));
        Assert.Equal(NodePaths.Resolve(fs, "sub").Number, NodePaths.Resolve(fs, "sub/deeper/..").Number);

        var hello = NodePaths.Resolve(fs, "hello.txt");
        Assert.Equal(FsError.Success, hello.GetAttributes(out var attributes));
        Assert.Equal(0x1A0u, attributes.Permissions);
        Assert.Equal(12, attributes.Size);
        Assert.Equal(new DateTimeOffset(2020, 5, 17, 12, 34, 56, TimeSpan.Zero).ToUnixTimeSeconds(), attributes.ModifyTime / 1_000_000_000);
        Assert.Equal(OwnerOf(Path.Combine(seed.Seed, "hello.txt")), attributes.UserId);
        Assert.Equal(1u, attributes.LinkCount);
        Assert.Equal(blockSize, attributes.BlockSize);

        Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "sub").GetAttributes(out var subAttributes));
        Assert.Equal(3u, subAttributes.LinkCount);
        Assert.Equal(FsError.NotFound, fs.Root.Lookup("missing"u8, out _));
        Assert.Equal(FsError.ReadOnly, fs.Root.Create("new"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out _));
        Assert.Equal(FsError.Success, fs.GetStatistics(out var statistics));
        Assert.Equal(0xEF53, statistics.Magic);
        Assert.Equal(8L * 1024 * 1024 / blockSize, statistics.TotalBlocks);
        Assert.Equal(FsError.Success, fs.Unmount());
    }

    private static uint OwnerOf(string path)
    {
        var (_, output) = E2fsTools.Run("/usr/bin/stat", "-c", "%u", path);
        return uint.Parse(output.Trim());
    }
}
