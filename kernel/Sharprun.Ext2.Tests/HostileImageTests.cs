using Sharprun.Ext2.TestTools;
using System.Buffers.Binary;
using Sharprun.Ext2.Tests.Support;
using Sharprun.Vfs;

namespace Sharprun.Ext2.Tests;

/// <summary>
/// Real mke2fs images damaged at chosen places (superblock, group descriptor, inode table, directory block,
/// indirect block), then randomly: mounting and using them answers errors, never an exception or a hang.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileImageTests
{
    private const int SuperblockStart = 1024;

    public static TheoryData<string, int, uint, int> SuperblockDamage => new()
    {
        { "magic", 56, 0x1234, 2 },
        { "log block size", 24, 17, 4 },
        { "blocks count", 4, 0xFFFFFFF0, 4 },
        { "blocks count zero", 4, 0, 4 },
        { "first data block", 20, 5, 4 },
        { "blocks per group", 32, 0, 4 },
        { "inodes per group", 40, 0xFFFFFF, 4 },
        { "inodes count", 0, 7, 4 },
        { "inode size", 88, 100, 2 },
        { "revision", 76, 9, 4 },
        { "first inode", 84, 3, 4 },
    };

    [E2fsTheory]
    [MemberData(nameof(SuperblockDamage))]
    public void DamagedSuperblockRefusesTheMount(string field, int offset, uint value, int width)
    {
        var image = Image(1024, out _);
        Write(image, SuperblockStart + offset, value, width);
        var error = Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out var message);
        Assert.True(error != FsError.Success, $"{field}: mounted");
        Assert.Null(fs);
        Assert.StartsWith("ext2:", message);
    }

    [E2fsTheory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    public void GroupDescriptorPointingOutsideRefusesTheMount(int field)
    {
        var image = Image(1024, out _);
        Write(image, 2 * 1024 + field, 0x7FFFFFFF, 4);
        Assert.Equal(FsError.Corrupted, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out _, out var message));
        Assert.Contains("group 0", message);
    }

    [E2fsFact]
    public void DamagedRootInodeRefusesTheMount()
    {
        var image = Image(1024, out _);
        var table = InodeTable(image);
        Write(image, table + 128 + 0, 0x81A4, 2);
        Assert.Equal(FsError.Corrupted, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out _, out var message));
        Assert.Contains("root", message);
    }

    [E2fsTheory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(13)]
    [InlineData(0x7FFF0000)]
    public void DamagedRootDirectoryBlockIsCorrupted(uint recordLength)
    {
        var image = Image(1024, out _);
        var block = RootDirectoryBlock(image);
        Write(image, block * 1024 + 12 + 4, recordLength, 2);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _));
        Assert.Equal(FsError.Corrupted, fs!.Root.ReadDirectory([]));
        Assert.Equal(FsError.Corrupted, fs.Root.Lookup("hello.txt"u8, out _));
        Assert.Equal(FsError.Corrupted, fs.Root.Create("new"u8, Vfs.Nodes.NodeKind.RegularFile, 0x1A4, 0, 0, out _));
        TreeExercise.Run(fs);
    }

    [E2fsFact]
    public void NameLongerThanItsRecordIsCorrupted()
    {
        var image = Image(1024, out _);
        var block = RootDirectoryBlock(image);
        image[block * 1024 + 12 + 6] = 200;
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _));
        Assert.Equal(FsError.Corrupted, fs!.Root.ReadDirectory([]));
    }

    [E2fsTheory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(1u)]
    public void IndirectPointerOutsideTheFileSystemIsCorrupted(uint pointer)
    {
        var image = Image(1024, out var seed);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), true, out var probe, out _));
        var bigNumber = (uint)NodePaths.Resolve(probe!, "big.bin").Number;
        var inodeOffset = InodeTable(image) + (int)(bigNumber - 1) * 128;
        var indirect = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(inodeOffset + 40 + 12 * 4));
        Write(image, (int)indirect * 1024, pointer, 4);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _));
        var big = NodePaths.Resolve(fs!, "big.bin");
        Assert.Equal(FsError.Corrupted, big.Read(12 * 1024, new byte[1024], out _));
        var first = new byte[1024];
        Assert.Equal(FsError.Success, big.Read(0, first, out var read));
        Assert.Equal(1024, read);
        Assert.Equal(seed[..1024], first);
        Assert.Equal(FsError.Corrupted, big.SetAttributes(new Vfs.Nodes.AttributeChanges(Size: 0)));
        TreeExercise.Run(fs!);
    }

    [E2fsFact]
    public void IndirectBlockPointingAtItselfEnds()
    {
        var image = Image(1024, out _);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), true, out var probe, out _));
        var bigNumber = (uint)NodePaths.Resolve(probe!, "big.bin").Number;
        var inodeOffset = InodeTable(image) + (int)(bigNumber - 1) * 128;
        var doubleIndirect = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(inodeOffset + 40 + 13 * 4));
        for (var i = 0; i < 256; i++)
        {
            Write(image, (int)doubleIndirect * 1024 + i * 4, doubleIndirect, 4);
        }
        Write(image, inodeOffset + 40 + 14 * 4, doubleIndirect, 4);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _));
        var big = NodePaths.Resolve(fs!, "big.bin");
        big.Read(300 * 1024, new byte[4096], out _);
        Assert.Equal(FsError.Corrupted, big.SetAttributes(new Vfs.Nodes.AttributeChanges(Size: 0)));
        TreeExercise.Run(fs!);
    }

    [E2fsFact]
    public void OversizedSymbolicLinkIsCorrupted()
    {
        var image = Image(1024, out _);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), true, out var probe, out _));
        var number = (uint)NodePaths.Resolve(probe!, "slow-link").Number;
        Write(image, InodeTable(image) + (int)(number - 1) * 128 + 4, 5000, 4);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), true, out var fs, out _));
        Assert.Equal(FsError.Corrupted, NodePaths.Resolve(fs!, "slow-link").ReadSymbolicLink(out _));
    }

    [E2fsFact]
    public void DirectoryEntryWithInodeOutOfRangeIsCorrupted()
    {
        var image = Image(1024, out _);
        var block = RootDirectoryBlock(image);
        Write(image, block * 1024 + 24, 0xFFFFFF, 4);
        Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _));
        Assert.Equal(FsError.Corrupted, fs!.Root.ReadDirectory([]));
    }

    [E2fsFact]
    public void FuzzedImagesNeverThrow()
    {
        var pristine = new[] { Image(1024, out _), Image(4096, out _) };
        // A fixed, seeded number of images: the same ones every run, however loaded the machine.
        var random = new Random(2024);
        for (var rounds = 0; rounds < 400; rounds++)
        {
            var source = pristine[rounds % 2];
            var image = (byte[])source.Clone();
            var metadataEnd = rounds % 2 == 0 ? 160 * 1024 : 64 * 1024;
            var flips = 1 + random.Next(12);
            for (var i = 0; i < flips; i++)
            {
                var at = random.Next(random.Next(4) == 0 ? image.Length : metadataEnd);
                image[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0xFF, _ => 0 };
            }
            try
            {
                if (Ext2FileSystem.TryMount(new MemoryBlockDevice(image), false, out var fs, out _) == FsError.Success)
                {
                    TreeExercise.Run(fs!);
                }
            }
            catch (Exception exception)
            {
                Assert.Fail($"round {rounds}: {exception}");
            }
        }
    }

    private static byte[] Image(int blockSize, out byte[] big)
    {
        using var seed = new SeedTree();
        big = seed.Big;
        return File.ReadAllBytes(E2fsTools.MakeImage(seed.Root, blockSize, 128, seed.Seed));
    }

    private static int InodeTable(byte[] image) => (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(2 * 1024 + 8)) * 1024;

    private static int RootDirectoryBlock(byte[] image) => (int)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(InodeTable(image) + 128 + 40));

    private static void Write(byte[] image, int offset, uint value, int width)
    {
        if (width == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(offset), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(offset), value);
        }
    }
}
