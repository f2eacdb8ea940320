using Sharprun.Vfs.Blocks;
using Sharprun.Vfs.Tests.Support;

namespace Sharprun.Vfs.Tests;

public sealed class BlockCacheTests
{
    [Fact]
    public void WritesStayInTheCacheUntilFlushThenGoInTheOrderTheyWereMade()
    {
        var disk = new MemoryBlockDevice(512, 64);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        cache.Write(40, Filled(512, 4));
        cache.Write(3, Filled(1024, 1));
        cache.Write(17, Filled(512, 2));
        Assert.Empty(disk.WrittenSectors);
        var buffer = new byte[512];
        cache.Read(4, buffer);
        Assert.All(buffer, b => Assert.Equal(1, b));
        Assert.Equal(FsError.Success, cache.Flush());
        Assert.Equal([40L, 0L, 16L], disk.WrittenSectors);
        Assert.Equal(1, disk.Flushes);
        Assert.Equal(1, disk.Contents[3 * 512]);
        Assert.Equal(0, disk.Contents[2 * 512]);
        Assert.Equal(0, cache.DirtyBlocks);
    }

    [Fact]
    public void ABlockChangedAgainAfterOthersGoesBackWithThoseBeforeItFirst()
    {
        var disk = new MemoryBlockDevice(512, 64);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        cache.Write(0, Filled(512, 1));  // block 0, say a bitmap
        cache.Write(8, Filled(512, 2));  // block 1, an inode pointing at what block 0 allocated
        cache.Write(1, Filled(512, 3));  // block 0 again: coalesced, it would reach the device with or after block 1
        Assert.Equal([0L], disk.WrittenSectors);
        Assert.Equal(1, disk.Contents[0]);
        Assert.Equal(0, disk.Contents[512]);
        cache.Write(2, Filled(512, 4));  // block 0 is the latest change: coalesced
        Assert.Equal([0L], disk.WrittenSectors);
        Assert.Equal(FsError.Success, cache.Flush());
        Assert.Equal([0L, 8L, 0L], disk.WrittenSectors);
        Assert.Equal(4, disk.Contents[2 * 512]);
    }

    [Fact]
    public void OperationsOrderTheirOwnWritesAndEarlierOnesOnlyThroughSharedBlocks()
    {
        var disk = new MemoryBlockDevice(512, 8 * 16);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        // Create a file: bitmap (block 1), inode table (block 2), directory (block 3), each after the one before.
        cache.StartOperation();
        cache.Write(1 * 8, Filled(4096, 1));
        cache.Write(2 * 8, Filled(4096, 2));
        cache.Write(3 * 8, Filled(4096, 3));
        // Write its data: a block bitmap (block 4), the data (block 5), the inode again, after both. The inode table
        // block moves behind the data together with the directory block waiting for it: nothing goes back yet.
        cache.StartOperation();
        cache.Write(4 * 8, Filled(4096, 4));
        cache.Write(5 * 8, Filled(4096, 5));
        cache.Write(2 * 8, Filled(4096, 6));
        Assert.Empty(disk.WrittenSectors);
        // Delete it: the directory first, then the inode after it. The directory waits for the inode table block:
        // a cycle, so the inode table block's earlier content goes back first, after what it follows (the bitmaps and
        // the data, those two neighbours in one request).
        cache.StartOperation();
        cache.Write(3 * 8, Filled(4096, 7));
        cache.Write(2 * 8, Filled(4096, 8));
        Assert.Equal([8L, 32L, 16L], disk.WrittenSectors);
        Assert.Equal(6, disk.Contents[2 * 4096]);
        Assert.Equal(5, disk.Contents[5 * 4096]);
        Assert.Equal(FsError.Success, cache.Flush());
        // The directory's removal, then the cleared inode.
        Assert.Equal([8L, 32L, 16L, 24L, 16L], disk.WrittenSectors);
        Assert.Equal(8, disk.Contents[2 * 4096]);
        Assert.Equal(7, disk.Contents[3 * 4096]);
    }

    [Fact]
    public void WithoutOperationsEveryWriteFollowsTheOneBefore()
    {
        var disk = new MemoryBlockDevice(512, 8 * 16);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        cache.Write(1 * 8, Filled(4096, 1));
        cache.Write(3 * 8, Filled(4096, 3));
        cache.Write(2 * 8, Filled(4096, 2));
        cache.Write(1 * 8, Filled(4096, 4));
        // Blocks 3 and 2 followed block 1 in one chain of writes, and its new change must follow them: its first
        // content goes back first.
        Assert.Equal([8L], disk.WrittenSectors);
        Assert.Equal(1, disk.Contents[4096]);
        // A new operation changing block 3 again must follow nothing: it takes the change where it is.
        cache.StartOperation();
        cache.Write(3 * 8, Filled(4096, 5));
        Assert.Equal([8L], disk.WrittenSectors);
        Assert.Equal(FsError.Success, cache.Flush());
        Assert.Equal([8L, 24L, 16L, 8L], disk.WrittenSectors);
        Assert.Equal(5, disk.Contents[3 * 4096]);
    }

    [Fact]
    public void UnorderedWritesCoalesceWithoutAPlaceInTheOrderAndGoBackAtTheFlush()
    {
        var disk = new MemoryBlockDevice(512, 8 * 16);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        for (int round = 0; round < 3; round++)
        {
            cache.Write(16, Filled(4096, (byte)(10 + round)));         // block 2, say a bitmap
            cache.WriteUnordered(8, Filled(4096, (byte)(20 + round))); // block 1, the group descriptors' counts
        }
        // Block 2 was the latest ordered change each time: nothing had to go back yet.
        Assert.Empty(disk.WrittenSectors);
        Assert.Equal(2, cache.DirtyBlocks);
        var buffer = new byte[4096];
        cache.Read(8, buffer);
        Assert.Equal(22, buffer[0]);

        Assert.Equal(FsError.Success, cache.Flush());
        Assert.Equal([16L, 8L], disk.WrittenSectors);
        Assert.Equal(22, disk.Contents[4096]);
        Assert.Equal(12, disk.Contents[2 * 4096]);
        Assert.Equal(0, cache.DirtyBlocks);
        Assert.Equal(1, disk.Flushes);

        // An ordered change to a block with unordered ones takes them along at its place in the order.
        cache.WriteUnordered(8, Filled(4096, 30));
        cache.Write(8, Filled(512, 31));
        cache.Write(16, Filled(4096, 13));
        Assert.Equal(FsError.Success, cache.Flush());
        // Blocks 1 and 2, changed in a row at consecutive places, go in one request.
        Assert.Equal([16L, 8L, 8L], disk.WrittenSectors);
        Assert.Equal(13, disk.Contents[2 * 4096]);
        Assert.Equal(31, disk.Contents[4096]);
        Assert.Equal(30, disk.Contents[4096 + 512]);
    }

    [Fact]
    public void BlocksChangedInARowAtConsecutivePlacesGoBackInOneRequest()
    {
        var disk = new MemoryBlockDevice(512, 8 * 128);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        for (int block = 3; block < 6; block++)
            cache.Write(block * 8, Filled(4096, (byte)block));
        cache.Write(9 * 8, Filled(4096, 9));
        cache.Write(8 * 8, Filled(4096, 8));  // before 9 on disk, after it in time: not merged
        for (int block = 40; block < 80; block++)
            cache.Write(block * 8, Filled(4096, (byte)block));
        Assert.Equal(FsError.Success, cache.Flush());
        // 3-5 in one request, 9, 8, then 40-79 in requests of at most 128 KiB (32 blocks).
        Assert.Equal([24L, 72L, 64L, 320L, 576L], disk.WrittenSectors);
        for (int block = 3; block < 80; block++)
        {
            if (block is (>= 3 and < 6) or 8 or 9 or >= 40)
                Assert.Equal((byte)block, disk.Contents[block * 4096 + 17]);
        }
    }

    [Fact]
    public void ReadingBlockByBlockReadsAheadInFewRequests()
    {
        var disk = new MemoryBlockDevice(512, 8 * 64);
        for (int i = 0; i < disk.Contents.Length; i++)
            disk.Contents[i] = (byte)(i / 4096 * 7 + i % 251);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        var buffer = new byte[4096];
        for (int block = 0; block < 64; block++)
        {
            Assert.Equal(FsError.Success, cache.Read(block * 8, buffer));
            Assert.True(disk.Contents.AsSpan(block * 4096, 4096).SequenceEqual(buffer), $"block {block}");
        }
        // The first miss is one block; the next shows the reads are sequential and reads 32 (blocks 1-32), the
        // next the remaining 31.
        Assert.Equal(3, disk.Reads);
    }

    [Fact]
    public void AReadOfWholeUncachedBlocksGoesStraightToTheDeviceInOneRequestAndIsNotCached()
    {
        var disk = new MemoryBlockDevice(512, 8 * 64);
        for (int i = 0; i < disk.Contents.Length; i++)
            disk.Contents[i] = (byte)(i / 4096 * 7 + i % 251);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        var buffer = new byte[16 * 4096];
        Assert.Equal(FsError.Success, cache.Read(8 * 8, buffer));
        Assert.True(disk.Contents.AsSpan(8 * 4096, buffer.Length).SequenceEqual(buffer));
        Assert.Equal(1, disk.Reads);
        Assert.Equal(0, cache.CachedBlocks);

        // A changed block in the range is read from the cache: the whole blocks before and after it go direct.
        cache.Write(30 * 8, Filled(4096, 0xEE));
        Assert.Equal(FsError.Success, cache.Read(28 * 8, buffer.AsSpan(0, 5 * 4096)));
        Assert.True(disk.Contents.AsSpan(28 * 4096, 2 * 4096).SequenceEqual(buffer.AsSpan(0, 2 * 4096)));
        Assert.All(buffer.AsSpan(2 * 4096, 4096).ToArray(), b => Assert.Equal(0xEE, b));
        Assert.True(disk.Contents.AsSpan(31 * 4096, 2 * 4096).SequenceEqual(buffer.AsSpan(3 * 4096, 2 * 4096)));
        Assert.Equal(3, disk.Reads);
        Assert.Equal(1, cache.CachedBlocks);
    }

    [Fact]
    public void ScatteredReadsAndCachedBlocksStopTheReadAhead()
    {
        var disk = new MemoryBlockDevice(512, 8 * 64);
        var cache = new CachedBlockDevice(disk, 1 << 20);
        var buffer = new byte[4096];
        foreach (int block in new[] { 10, 3, 40, 21 })
            cache.Read(block * 8, buffer);
        Assert.Equal(4, disk.Reads);
        // Block 22 follows the miss at 21: one request reads ahead up to block 39, stopping at the cached block 40.
        cache.Read(22 * 8, buffer);
        cache.Read(39 * 8, buffer);
        Assert.Equal(5, disk.Reads);
        cache.Read(41 * 8, buffer);
        Assert.Equal(6, disk.Reads);
        // A dirty block stops it too, and is read from the cache, not the device.
        cache.Write(13 * 8, Filled(4096, 9));
        cache.Read(11 * 8, buffer);
        cache.Read(12 * 8, buffer);
        cache.Read(13 * 8, buffer);
        Assert.All(buffer, b => Assert.Equal(9, b));
        Assert.Equal(8, disk.Reads);
    }

    [Fact]
    public void EvictionUnderASmallBoundWritesDirtyBlocksFirst()
    {
        var disk = new MemoryBlockDevice(512, 256);
        var cache = new CachedBlockDevice(disk, 2 * 4096);
        for (int block = 0; block < 5; block++)
            cache.Write(block * 8, Filled(4096, (byte)(block + 1)));
        Assert.Equal(2, cache.CachedBlocks);
        Assert.Equal([0L, 8L, 16L], disk.WrittenSectors);
        var buffer = new byte[4096 * 5];
        Assert.Equal(FsError.Success, cache.Read(0, buffer));
        for (int block = 0; block < 5; block++)
            Assert.Equal(block + 1, buffer[block * 4096 + 100]);
        Assert.True(cache.CachedBlocks <= 2);
    }

    [Fact]
    public void PartlyCachedRangesReadCorrectly()
    {
        var disk = new MemoryBlockDevice(512, 100);
        for (int i = 0; i < disk.Contents.Length; i++)
            disk.Contents[i] = (byte)(i / 512);
        var cache = new CachedBlockDevice(disk, 3 * 4096);
        cache.Write(9, Filled(512, 0xAA));
        var buffer = new byte[512 * 30];
        Assert.Equal(FsError.Success, cache.Read(2, buffer));
        for (int sector = 0; sector < 30; sector++)
            Assert.Equal(sector + 2 == 9 ? 0xAA : (byte)(sector + 2), buffer[sector * 512 + 7]);
        var tail = new byte[512 * 4];
        Assert.Equal(FsError.Success, cache.Read(96, tail));
        Assert.Equal(99, tail[3 * 512]);
        Assert.Equal(FsError.InvalidArgument, cache.Read(98, tail));
        Assert.Equal(FsError.InvalidArgument, cache.Read(0, new byte[100]));
    }

    [Fact]
    public void ReadOnlyDevicesRefuseWrites()
    {
        var cache = new CachedBlockDevice(new MemoryBlockDevice(4096, 4) { IsReadOnly = true }, 1 << 16);
        Assert.True(cache.IsReadOnly);
        Assert.Equal(FsError.ReadOnly, cache.Write(0, new byte[4096]));
    }

    [Fact]
    public void RandomTrafficMatchesAnUncachedDevice()
    {
        var random = new Random(7);
        var disk = new MemoryBlockDevice(512, 300);
        var reference = new byte[disk.Contents.Length];
        var cache = new CachedBlockDevice(disk, 5 * 4096);
        for (int step = 0; step < 3000; step++)
        {
            int count = random.Next(1, 20);
            int sector = random.Next(0, 300 - count + 1);
            var data = new byte[count * 512];
            if (random.Next(3) == 0)
            {
                Assert.Equal(FsError.Success, cache.Read(sector, data));
                Assert.Equal(reference.AsSpan(sector * 512, data.Length).ToArray(), data);
            }
            else
            {
                random.NextBytes(data);
                Assert.Equal(FsError.Success, cache.Write(sector, data));
                data.CopyTo(reference, sector * 512);
            }
            if (random.Next(200) == 0)
                cache.Flush();
        }
        cache.Flush();
        Assert.Equal(reference, disk.Contents);
    }

    private static byte[] Filled(int length, byte value) => Enumerable.Repeat(value, length).ToArray();
}
