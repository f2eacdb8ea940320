using System;
using System.Collections.Generic;
using Sharprun.Kernel.Memory;
using Xunit;

namespace Sharprun.Kernel.Tests.Memory;

/// <summary>The page allocator's algorithm, run on native buffers instead of the guest's RAM.</summary>
public sealed unsafe class PageRunAllocatorTests : IDisposable
{
    private const ulong Page = PageRunAllocator.PageSize;

    private readonly List<NativePages> _buffers = new();
    private PageRunAllocator _allocator;

    public void Dispose()
    {
        foreach (var buffer in _buffers)
            buffer.Dispose();
    }

    /// <summary>A range of <paramref name="pages"/> pages added to the allocator; one of them becomes its bitmap.</summary>
    private NativePages AddRange(int pages)
    {
        var buffer = new NativePages(pages);
        _buffers.Add(buffer);
        Assert.True(_allocator.AddRange(buffer.Address, buffer.Length));
        return buffer;
    }

    [Fact]
    public void ARangeLosesOnlyItsBitmapPages()
    {
        AddRange(1024);
        Assert.Equal(1023 * Page, _allocator.TotalBytes);
        Assert.Equal(_allocator.TotalBytes, _allocator.FreeBytes);
        Assert.Equal(0UL, _allocator.UsedBytes);
    }

    [Fact]
    public void AllocationsArePageAlignedZeroedAndInsideTheRange()
    {
        var buffer = AddRange(64);
        byte* a = (byte*)_allocator.Allocate(3);
        byte* b = (byte*)_allocator.Allocate(1);
        Assert.True(a != null && b != null);
        foreach (byte* block in new[] { a, b })
        {
            Assert.Equal(0UL, (ulong)block % Page);
            Assert.True(block >= buffer.Page(1) && block < buffer.Start + (long)buffer.Length);
        }
        Assert.True(new ReadOnlySpan<byte>(a, 3 * (int)Page).IndexOfAnyExcept((byte)0) < 0);
        Assert.True(b >= a + 3 * Page || b + Page <= a);
        Assert.Equal(4 * Page, _allocator.UsedBytes);
    }

    [Fact]
    public void FreedMemoryComesBackZeroed()
    {
        AddRange(16);
        byte* a = (byte*)_allocator.Allocate(15);
        new Span<byte>(a, 15 * (int)Page).Fill(0x5A);
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(a, 15));
        byte* again = (byte*)_allocator.Allocate(15);
        Assert.True(again == a);
        Assert.True(new ReadOnlySpan<byte>(again, 15 * (int)Page).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void FragmentedMemoryRefusesLongRunsUntilNeighboursAreFreed()
    {
        AddRange(65);
        var pages = new List<nint>();
        for (int i = 0; i < 64; i++)
            pages.Add((nint)_allocator.Allocate(1));
        Assert.True(_allocator.Allocate(1) == null);
        for (int i = 0; i < 64; i += 2)
            Assert.Equal(PageFreeStatus.Freed, _allocator.Free((void*)pages[i], 1));
        Assert.Equal(32 * Page, _allocator.FreeBytes);
        Assert.True(_allocator.Allocate(2) == null, "no two free pages are adjacent");
        for (int i = 1; i < 64; i += 2)
            Assert.Equal(PageFreeStatus.Freed, _allocator.Free((void*)pages[i], 1));
        Assert.True(_allocator.Allocate(64) != null, "every page coalesced back into one run");
    }

    [Fact]
    public void FreeMergesWithBothNeighbours()
    {
        AddRange(31);
        byte* a = (byte*)_allocator.Allocate(10);
        byte* b = (byte*)_allocator.Allocate(10);
        byte* c = (byte*)_allocator.Allocate(10);
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(a, 10));
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(c, 10));
        Assert.True(_allocator.Allocate(11) == null);
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(b, 10));
        Assert.True(_allocator.Allocate(30) != null);
    }

    [Fact]
    public void ExhaustionReturnsNull()
    {
        AddRange(9);
        Assert.True(_allocator.Allocate(0) == null);
        Assert.True(_allocator.Allocate(9) == null);
        Assert.True(_allocator.Allocate(ulong.MaxValue) == null);
        Assert.True(_allocator.Allocate(1UL << 60) == null);
        Assert.True(_allocator.Allocate(8) != null);
        Assert.True(_allocator.Allocate(1) == null);
        Assert.Equal(0UL, _allocator.FreeBytes);
    }

    [Fact]
    public void RunsNeverSpanTwoRanges()
    {
        AddRange(9);
        AddRange(9);
        Assert.Equal(16 * Page, _allocator.FreeBytes);
        Assert.True(_allocator.Allocate(9) == null);
        Assert.True(_allocator.Allocate(8) != null);
        Assert.True(_allocator.Allocate(8) != null);
    }

    [Fact]
    public void ARunOfManyMebibytesIsOneAllocation()
    {
        var buffer = AddRange(64 * 256 + 1);
        byte* heap = (byte*)_allocator.Allocate(50 * 256);
        Assert.True(heap != null);
        Assert.True(heap >= buffer.Start && heap + 50 * 1024 * 1024 <= buffer.Start + (long)buffer.Length);
        byte* rest = (byte*)_allocator.Allocate(14 * 256);
        Assert.True(rest != null);
        Assert.Equal(0UL, _allocator.FreeBytes);
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(heap, 50 * 256));
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(rest, 14 * 256));
        Assert.True(_allocator.Allocate(64 * 256) != null);
    }

    [Fact]
    public void HostileFreesAreReportedAndChangeNothing()
    {
        var buffer = AddRange(33);
        byte* a = (byte*)_allocator.Allocate(4);
        byte* b = (byte*)_allocator.Allocate(4);
        ulong free = _allocator.FreeBytes;

        Assert.Equal(PageFreeStatus.Misaligned, _allocator.Free(a + 8, 1));
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free(a, 0));
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free(buffer.Start, 1)); // the bitmap page
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free((void*)0x1000, 1));
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free(buffer.Start + (long)buffer.Length, 1));
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free(a, 33));
        Assert.Equal(PageFreeStatus.OutsideMemory, _allocator.Free(a, ulong.MaxValue));
        Assert.Equal(PageFreeStatus.AlreadyFree, _allocator.Free(b + 4 * Page, 1));
        Assert.Equal(PageFreeStatus.AlreadyFree, _allocator.Free(b, 5)); // runs into free pages
        Assert.Equal(free, _allocator.FreeBytes);

        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(a, 4));
        Assert.Equal(PageFreeStatus.AlreadyFree, _allocator.Free(a, 4));
        Assert.Equal(PageFreeStatus.AlreadyFree, _allocator.Free(a + Page, 1));
        Assert.Equal(PageFreeStatus.Freed, _allocator.Free(b, 4));
        Assert.True(_allocator.Allocate(32) != null);
    }

    [Fact]
    public void HostileRangesAreRefused()
    {
        var buffer = AddRange(16);
        Assert.False(_allocator.AddRange(buffer.Address + Page, Page * 4), "overlaps");
        Assert.False(_allocator.AddRange(buffer.Address - Page, Page * 2), "overlaps the bitmap");
        using var small = new NativePages(2);
        Assert.False(_allocator.AddRange(small.Address, Page), "no room for a bitmap and a page");
        Assert.False(_allocator.AddRange(small.Address + 1, Page + 1), "less than one whole page");
        Assert.False(_allocator.AddRange(ulong.MaxValue - Page, Page * 4), "wraps around");
        Assert.Equal(15 * Page, _allocator.TotalBytes);
    }

    [Fact]
    public void UnalignedRangesKeepTheirWholePages()
    {
        var buffer = new NativePages(8);
        _buffers.Add(buffer);
        Assert.True(_allocator.AddRange(buffer.Address + 100, buffer.Length - 200));
        Assert.Equal(5 * Page, _allocator.TotalBytes); // pages 1..6 are whole, one is the bitmap
        Assert.True((byte*)_allocator.Allocate(5) == buffer.Page(2));
    }

    [Fact]
    public void TheRangeTableHasAFixedCapacity()
    {
        for (int i = 0; i < PageRunAllocator.MaxRanges; i++)
            AddRange(2);
        using var extra = new NativePages(2);
        Assert.False(_allocator.AddRange(extra.Address, extra.Length));
        Assert.Equal((ulong)PageRunAllocator.MaxRanges * Page, _allocator.TotalBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomSequencesMatchAModel(int seed)
    {
        var random = new Random(seed);
        var model = new PageModel();
        foreach (int pages in new[] { 300, 97, 1200 })
            model.Add(AddRange(pages));

        var live = new List<(nint Start, ulong Pages)>();
        for (int step = 0; step < 4000; step++)
        {
            if (live.Count > 0 && random.Next(100) < 45)
            {
                int index = random.Next(live.Count);
                var (start, pages) = live[index];
                live[index] = live[^1];
                live.RemoveAt(live.Count - 1);
                Assert.Equal(PageFreeStatus.Freed, _allocator.Free((void*)start, pages));
                model.Mark(start, pages, free: true);
            }
            else
            {
                ulong pages = random.Next(10) switch
                {
                    < 6 => (ulong)random.Next(1, 8),
                    < 9 => (ulong)random.Next(8, 80),
                    _ => (ulong)random.Next(80, 1300),
                };
                byte* block = (byte*)_allocator.Allocate(pages);
                if (block == null)
                {
                    Assert.True(model.LongestFreeRun() < pages, $"step {step}: {pages} pages refused though a run that long is free");
                    continue;
                }
                Assert.True(model.IsFree((nint)block, pages), $"step {step}: {pages} pages at {(nint)block:x} overlap a live run or leave the ranges");
                Assert.True(new ReadOnlySpan<byte>(block, (int)(pages * Page)).IndexOfAnyExcept((byte)0) < 0, "not zeroed");
                new Span<byte>(block, (int)(pages * Page)).Fill((byte)step);
                model.Mark((nint)block, pages, free: false);
                live.Add(((nint)block, pages));
            }
            Assert.Equal(model.FreePages * Page, _allocator.FreeBytes);
        }

        foreach (var (start, pages) in live)
            Assert.Equal(PageFreeStatus.Freed, _allocator.Free((void*)start, pages));
        Assert.True(_allocator.Allocate(1199) != null, "everything coalesced again");
    }

    /// <summary>Which pages are free, page by page, for each range (without its bitmap page).</summary>
    private sealed class PageModel
    {
        private readonly List<(ulong Start, bool[] Free)> _ranges = new();

        public ulong FreePages { get; private set; }

        public void Add(NativePages buffer)
        {
            var free = new bool[buffer.Length / Page - 1];
            Array.Fill(free, true);
            _ranges.Add((buffer.Address + Page, free));
            FreePages += (ulong)free.Length;
        }

        public bool IsFree(nint start, ulong pages)
        {
            foreach (var (rangeStart, free) in _ranges)
            {
                ulong address = (ulong)start;
                if (address < rangeStart || address >= rangeStart + (ulong)free.Length * Page)
                    continue;
                ulong first = (address - rangeStart) / Page;
                if (first + pages > (ulong)free.Length)
                    return false;
                for (ulong page = first; page < first + pages; page++)
                    if (!free[page])
                        return false;
                return true;
            }
            return false;
        }

        public void Mark(nint start, ulong pages, bool free)
        {
            foreach (var (rangeStart, pageFree) in _ranges)
            {
                ulong address = (ulong)start;
                if (address < rangeStart || address >= rangeStart + (ulong)pageFree.Length * Page)
                    continue;
                ulong first = (address - rangeStart) / Page;
                for (ulong page = first; page < first + pages; page++)
                    pageFree[page] = free;
                FreePages = free ? FreePages + pages : FreePages - pages;
                return;
            }
            throw new InvalidOperationException("not in any range");
        }

        public ulong LongestFreeRun()
        {
            ulong longest = 0;
            foreach (var (_, free) in _ranges)
            {
                ulong run = 0;
                foreach (bool pageFree in free)
                {
                    run = pageFree ? run + 1 : 0;
                    longest = Math.Max(longest, run);
                }
            }
            return longest;
        }
    }
}
