using Sharprun.Ext2.TestTools;
using System.Buffers.Binary;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>Feature bits decide the mount: unknown incompatible ones refuse it, unknown read-only ones force read-only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FeatureTests
{
    private const int IncompatOffset = 1024 + 96;
    private const int RoCompatOffset = 1024 + 100;

    [E2fsTheory]
    [InlineData(0x10u, "meta_bg")]
    [InlineData(0x80000000u, "FEATURE_I31")]
    public void UnknownIncompatibleFeatureRefusesTheMount(uint bit, string name)
    {
        var image = Patched(IncompatOffset, bit);
        Assert.Equal(FsError.NotSupported, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out var message));
        Assert.Null(fs);
        Assert.Equal($"ext2: unsupported incompatible feature '{name}'", message);
    }

    [E2fsFact]
    public void NeedsRecoveryRefusesTheMount()
    {
        var image = Patched(IncompatOffset, 0x4);
        Assert.Equal(FsError.NotSupported, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), true, out _, out var message));
        Assert.Contains("needs_recovery", message);
    }

    [E2fsFact]
    public void UnknownReadOnlyFeatureForcesReadOnly()
    {
        var image = Patched(RoCompatOffset, 0x100);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out var message));
        Assert.True(fs!.IsReadOnly);
        Assert.Contains("'quota'", message);
        Assert.Contains("read-only", message);
        Assert.Equal(FsError.ReadOnly, fs.Root.Create("x"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out _));
    }

    [E2fsFact]
    public void StateIsNotCleanWhileMountedReadWrite()
    {
        using var directory = new SeedTree();
        var image = E2fsTools.MakeImage(directory.Root, 1024, 128, null);
        using var device = new ImageFileBlockDevice(image);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out _));
        Assert.Equal(0, State(image) & 1);
        Assert.Equal(FsError.Success, fs!.Unmount());
        Assert.Equal(1, State(image) & 1);
    }

    [E2fsFact]
    public void Ext4MountsReadOnlyAndReads()
    {
        using var seed = new SeedTree();
        var image = E2fsTools.MakeImage(seed.Root, 4096, 256, seed.Seed, type: "ext4", size: "16M");
        using var device = new ImageFileBlockDevice(image);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out var message));
        Assert.True(fs!.IsReadOnly);
        Assert.Equal("ext4", fs.TypeName);
        Assert.Contains("read-only", message);
        Assert.Equal(seed.Big, NodePaths.ReadAll(NodePaths.Resolve(fs, "big.bin")));
        Assert.Equal("nested file\n", System.Text.Encoding.UTF8.GetString(NodePaths.ReadAll(NodePaths.Resolve(fs, "sub/nested.txt"))));
        Assert.Equal(FsError.Success, NodePaths.Resolve(fs, "slow-link").ReadSymbolicLink(out var target));
        Assert.Equal(SeedTree.SlowTarget, System.Text.Encoding.UTF8.GetString(target));
        Assert.Equal(FsError.ReadOnly, fs.Root.Create("x"u8, NodeKind.RegularFile, 0x1A4, 0, 0, out _));
    }

    private static int State(string image)
    {
        var bytes = new byte[2];
        using var file = File.OpenRead(image);
        file.Position = 1024 + 58;
        file.ReadExactly(bytes);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    private static byte[] Patched(int offset, uint bit)
    {
        using var directory = new SeedTree();
        var image = File.ReadAllBytes(E2fsTools.MakeImage(directory.Root, 1024, 128, null));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset), BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(offset)) | bit);
        return image;
    }
}
