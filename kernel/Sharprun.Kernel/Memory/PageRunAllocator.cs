using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Memory;

/// <summary>
/// Runs of whole pages from up to <see cref="MaxRanges"/> memory ranges given to it, with O(1) allocate and free.
/// Free runs are found through segregated lists (two levels: a power of two, then eight steps within it, with
/// bitmaps of the non-empty lists) and coalesce with their free neighbours on every free. Each range starts with
/// a bitmap, one bit per page, set while the page is free: it says whether a neighbour is free, and catches
/// double frees exactly. A free run keeps its list links and length in its first page and its length again in
/// the last 8 bytes of its last page, so nothing else is stored. Adding a range writes its bitmap (1/32768 of
/// the range) and the two ends of one free run, never every page.
/// Beneath the runtime: no allocation, no exceptions, no locks (callers serialize).
/// </summary>
public unsafe struct PageRunAllocator
{
    public const ulong PageSize = 4096;
    public const int MaxRanges = 64;

    private const int PageShift = 12;
    private const int SecondLevelBits = 3;
    private const int SecondLevelCount = 1 << SecondLevelBits;
    // Runs are below 2^52 pages, so the first level index stays below 52 - SecondLevelBits + 1.
    private const int FirstLevelCount = 52;

    private RangeTable _ranges;
    private int _rangeCount;
    private ListHeads _heads;
    private ulong _firstLevelMap;
    private SecondLevelMaps _secondLevelMaps;
    private ulong _totalPages;
    private ulong _freePages;

    public readonly ulong TotalBytes => _totalPages << PageShift;

    public readonly ulong FreeBytes => _freePages << PageShift;

    public readonly ulong UsedBytes => (_totalPages - _freePages) << PageShift;

    public readonly int RangeCount => _rangeCount;

    /// <summary>
    /// Adds the whole pages inside [start, start + length) to the allocator; its first pages become the range's
    /// bitmap. False (and nothing added) when the range is too small to hold a bitmap and a page, overlaps a
    /// range already added, or the table of ranges is full.
    /// </summary>
    public bool AddRange(ulong start, ulong length)
    {
        ulong end = start + length;
        if (end < start)
            end = ulong.MaxValue;
        // Page 0 is never handed out: null is the failure value.
        start = start < PageSize ? PageSize : (start + PageSize - 1) & ~(PageSize - 1);
        end &= ~(PageSize - 1);
        if (end <= start || _rangeCount == MaxRanges)
            return false;
        ulong pages = (end - start) >> PageShift;
        ulong bitmapPages = ((pages + 63) / 64 * 8 + PageSize - 1) >> PageShift;
        if (pages <= bitmapPages)
            return false;
        for (int i = 0; i < _rangeCount; i++)
        {
            ref ManagedRange other = ref _ranges[i];
            if ((ulong)other.Bitmap < end && start < other.End)
                return false;
        }

        ulong managed = pages - bitmapPages;
        ulong* bitmap = (ulong*)start;
        int index = _rangeCount++;
        _ranges[index] = new ManagedRange
        {
            Bitmap = bitmap,
            Start = start + (bitmapPages << PageShift),
            Pages = managed,
        };
        MemoryBlock.Zero(bitmap, (managed + 63) / 64 * 8);
        SetBits(bitmap, 0, managed, free: true);
        _totalPages += managed;
        _freePages += managed;
        InsertFree(index, 0, managed);
        return true;
    }

    /// <summary>Zeroed, page-aligned memory of <paramref name="pages"/> pages, or null when no free run is that long.</summary>
    public void* Allocate(ulong pages)
    {
        if (pages == 0 || pages > _freePages)
            return null;
        FreeRun* run = FindGuaranteedFit(pages);
        if (run == null)
            run = ScanOwnClass(pages);
        if (run == null)
            return null;

        int range = run->Range;
        ref ManagedRange owner = ref _ranges[range];
        ulong first = ((ulong)run - owner.Start) >> PageShift;
        ulong runPages = run->Pages;
        Unlink(run);
        SetBits(owner.Bitmap, first, pages, free: false);
        if (runPages > pages)
            InsertFree(range, first + pages, runPages - pages);
        _freePages -= pages;
        MemoryBlock.Zero(run, pages << PageShift);
        return run;
    }

    /// <summary>Gives back <paramref name="pages"/> pages from <paramref name="start"/>, merging with free neighbours.</summary>
    public PageFreeStatus Free(void* start, ulong pages)
    {
        ulong address = (ulong)start;
        if ((address & (PageSize - 1)) != 0)
            return PageFreeStatus.Misaligned;
        int range = FindRange(address);
        if (pages == 0 || range < 0)
            return PageFreeStatus.OutsideMemory;
        ref ManagedRange owner = ref _ranges[range];
        ulong first = (address - owner.Start) >> PageShift;
        if (pages > owner.Pages - first)
            return PageFreeStatus.OutsideMemory;
        if (AnyBitSet(owner.Bitmap, first, pages))
            return PageFreeStatus.AlreadyFree;

        ulong end = first + pages;
        SetBits(owner.Bitmap, first, pages, free: true);
        _freePages += pages;
        if (first > 0 && IsFree(owner.Bitmap, first - 1))
        {
            ulong leftPages = *(ulong*)(PageAddress(ref owner, first) - sizeof(ulong));
            first -= leftPages;
            Unlink((FreeRun*)PageAddress(ref owner, first));
        }
        if (end < owner.Pages && IsFree(owner.Bitmap, end))
        {
            var right = (FreeRun*)PageAddress(ref owner, end);
            end += right->Pages;
            Unlink(right);
        }
        InsertFree(range, first, end - first);
        return PageFreeStatus.Freed;
    }

    /// <summary>The index of the range whose pages include <paramref name="address"/>, or -1.</summary>
    private readonly int FindRange(ulong address)
    {
        for (int i = 0; i < _rangeCount; i++)
        {
            ref readonly ManagedRange range = ref _ranges[i];
            if (address >= range.Start && address < range.End)
                return i;
        }
        return -1;
    }

    /// <summary>The head of the first non-empty list whose every run has at least <paramref name="pages"/> pages.</summary>
    private readonly FreeRun* FindGuaranteedFit(ulong pages)
    {
        if (pages >= SecondLevelCount)
        {
            int log = Log2(pages);
            ulong step = 1UL << (log - SecondLevelBits);
            pages = (pages + step - 1) & ~(step - 1);
        }
        ClassOf(pages, out int firstLevel, out int secondLevel);
        if (firstLevel >= FirstLevelCount)
            return null;
        uint secondMap = _secondLevelMaps[firstLevel] & (0xFFu << secondLevel);
        if (secondMap == 0)
        {
            ulong firstMap = firstLevel + 1 < 64 ? _firstLevelMap & (ulong.MaxValue << (firstLevel + 1)) : 0;
            if (firstMap == 0)
                return null;
            firstLevel = BitOperations.TrailingZeroCount(firstMap);
            secondMap = _secondLevelMaps[firstLevel];
        }
        secondLevel = BitOperations.TrailingZeroCount(secondMap);
        return (FreeRun*)_heads[firstLevel * SecondLevelCount + secondLevel];
    }

    /// <summary>
    /// The list holding runs of <paramref name="pages"/>'s own size class may still have one long enough when no
    /// larger class has any: a walk, taken only when memory is that short, so that allocation fails only when no
    /// free run is long enough.
    /// </summary>
    private readonly FreeRun* ScanOwnClass(ulong pages)
    {
        ClassOf(pages, out int firstLevel, out int secondLevel);
        for (var run = (FreeRun*)_heads[firstLevel * SecondLevelCount + secondLevel]; run != null; run = run->Next)
        {
            if (run->Pages >= pages)
                return run;
        }
        return null;
    }

    private void InsertFree(int range, ulong first, ulong pages)
    {
        ref ManagedRange owner = ref _ranges[range];
        var run = (FreeRun*)PageAddress(ref owner, first);
        *(ulong*)(PageAddress(ref owner, first + pages) - sizeof(ulong)) = pages;
        ClassOf(pages, out int firstLevel, out int secondLevel);
        int list = firstLevel * SecondLevelCount + secondLevel;
        var head = (FreeRun*)_heads[list];
        run->Next = head;
        run->Previous = null;
        run->Pages = pages;
        run->Range = range;
        if (head != null)
            head->Previous = run;
        _heads[list] = (nint)run;
        _firstLevelMap |= 1UL << firstLevel;
        _secondLevelMaps[firstLevel] |= (byte)(1 << secondLevel);
    }

    private void Unlink(FreeRun* run)
    {
        ClassOf(run->Pages, out int firstLevel, out int secondLevel);
        int list = firstLevel * SecondLevelCount + secondLevel;
        if (run->Previous != null)
            run->Previous->Next = run->Next;
        else
            _heads[list] = (nint)run->Next;
        if (run->Next != null)
            run->Next->Previous = run->Previous;
        if (_heads[list] == 0)
        {
            _secondLevelMaps[firstLevel] &= (byte)~(1 << secondLevel);
            if (_secondLevelMaps[firstLevel] == 0)
                _firstLevelMap &= ~(1UL << firstLevel);
        }
    }

    /// <summary>Size classes: 1–7 pages one list each; above that, eight lists per power of two.</summary>
    private static void ClassOf(ulong pages, out int firstLevel, out int secondLevel)
    {
        if (pages < SecondLevelCount)
        {
            firstLevel = 0;
            secondLevel = (int)pages;
            return;
        }
        int log = Log2(pages);
        firstLevel = log - SecondLevelBits + 1;
        secondLevel = (int)(pages >> (log - SecondLevelBits)) - SecondLevelCount;
    }

    private static int Log2(ulong value) => 63 - BitOperations.LeadingZeroCount(value);

    private static byte* PageAddress(ref ManagedRange range, ulong page) => (byte*)(range.Start + (page << PageShift));

    private static bool IsFree(ulong* bitmap, ulong page) => (bitmap[page >> 6] & (1UL << (int)(page & 63))) != 0;

    private static bool AnyBitSet(ulong* bitmap, ulong first, ulong count)
    {
        while (count > 0)
        {
            ulong word = first >> 6;
            int bit = (int)(first & 63);
            int take = count < (ulong)(64 - bit) ? (int)count : 64 - bit;
            ulong mask = (take == 64 ? ulong.MaxValue : (1UL << take) - 1) << bit;
            if ((bitmap[word] & mask) != 0)
                return true;
            first += (ulong)take;
            count -= (ulong)take;
        }
        return false;
    }

    private static void SetBits(ulong* bitmap, ulong first, ulong count, bool free)
    {
        while (count > 0)
        {
            ulong word = first >> 6;
            int bit = (int)(first & 63);
            int take = count < (ulong)(64 - bit) ? (int)count : 64 - bit;
            ulong mask = (take == 64 ? ulong.MaxValue : (1UL << take) - 1) << bit;
            if (free)
                bitmap[word] |= mask;
            else
                bitmap[word] &= ~mask;
            first += (ulong)take;
            count -= (ulong)take;
        }
    }

    /// <summary>The start of a free run, inside its first page.</summary>
    private struct FreeRun
    {
        public FreeRun* Next;
        public FreeRun* Previous;
        public ulong Pages;
        public int Range;
    }

    private struct ManagedRange
    {
        public ulong* Bitmap;
        public ulong Start;
        public ulong Pages;

        public readonly ulong End => Start + (Pages << PageShift);
    }

    [InlineArray(MaxRanges)]
    private struct RangeTable
    {
        private ManagedRange _first;
    }

    [InlineArray(FirstLevelCount * SecondLevelCount)]
    private struct ListHeads
    {
        private nint _first;
    }

    [InlineArray(FirstLevelCount)]
    private struct SecondLevelMaps
    {
        private byte _first;
    }
}
