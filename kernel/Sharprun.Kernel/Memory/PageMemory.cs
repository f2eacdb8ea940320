using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Memory;

/// <summary>
/// Physical pages of every usable RAM range, identity mapped. Fresh pages are carved from the
/// boot memory map in order; freed runs go to a first-fit list kept inside the free pages
/// themselves. Initialization touches no page, so boot time does not grow with memory size.
/// </summary>
internal static unsafe class PageMemory
{
    public const nuint PageSize = 4096;

    private static int s_region;
    private static ulong s_next;
    private static ulong s_limit;
    private static FreeRun* s_freeRuns;
    private static ulong s_totalBytes;
    private static ulong s_usedBytes;

    public static ulong TotalBytes => s_totalBytes;

    public static ulong UsedBytes => s_usedBytes;

    public static void Initialize()
    {
        for (int i = 0; i < Hypercalls.MemoryRegionCount; i++)
            s_totalBytes += Hypercalls.GetMemoryRegion(i).Length;
        s_region = -1;
        NextRegion();
    }

    /// <summary>Page-aligned, zeroed memory, or null when RAM is exhausted.</summary>
    public static void* AllocatePages(nuint byteCount)
    {
        ulong size = RoundUp(byteCount);
        if (size == 0)
            return null;
        void* block = TakeFreeRun(size);
        if (block == null)
        {
            while (s_limit - s_next < size)
            {
                if (!NextRegion())
                    return null;
            }
            block = (void*)s_next;
            s_next += size;
        }
        MemoryBlock.Zero(block, size);
        s_usedBytes += size;
        return block;
    }

    public static void FreePages(void* start, nuint byteCount)
    {
        ulong size = RoundUp(byteCount);
        if (start == null || size == 0)
            return;
        if (((ulong)start & (PageSize - 1)) != 0)
            Panic.Fail("PageMemory.FreePages: address is not page aligned");
        var run = (FreeRun*)start;
        run->Size = size;
        run->Next = s_freeRuns;
        s_freeRuns = run;
        s_usedBytes -= size;
    }

    private static void* TakeFreeRun(ulong size)
    {
        FreeRun* previous = null;
        for (FreeRun* run = s_freeRuns; run != null; previous = run, run = run->Next)
        {
            if (run->Size == size)
            {
                if (previous == null)
                    s_freeRuns = run->Next;
                else
                    previous->Next = run->Next;
                return run;
            }
            if (run->Size > size)
            {
                // Keep the head of the run on the list, hand out its tail.
                run->Size -= size;
                return (byte*)run + run->Size;
            }
        }
        return null;
    }

    private static bool NextRegion()
    {
        while (++s_region < Hypercalls.MemoryRegionCount)
        {
            MemoryRegion region = Hypercalls.GetMemoryRegion(s_region);
            if (region.Length >= PageSize)
            {
                s_next = region.Start;
                s_limit = region.End;
                return true;
            }
        }
        s_next = s_limit = 0;
        return false;
    }

    private static ulong RoundUp(nuint byteCount) => ((ulong)byteCount + PageSize - 1) & ~(ulong)(PageSize - 1);

    private struct FreeRun
    {
        public FreeRun* Next;
        public ulong Size;
    }
}
