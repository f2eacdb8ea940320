namespace Sharprun.Kernel.Gc;

/// <summary>
/// Where managed objects come from. Small objects are bump-allocated; when the current span runs out
/// the heap reuses free spans, grows by a segment while the allocation budget lasts, and otherwise
/// collects. The budget after a collection equals the live bytes, so the heap settles near twice what
/// the program keeps alive, but is at least an eighth of RAM (and 4 MiB): every collection marks all
/// live data, so a program with a small live set would otherwise pay for a full mark every few MiB.
/// Null means out of memory even after a collection.
/// </summary>
internal static unsafe class GcHeap
{
    private const ulong SmallestBudget = 4 << 20;

    private static ulong s_allocatedAtLastCollection;
    private static ulong s_budget = SmallestBudget;
    private static long s_noGcRegionBytes = -1;
    private static bool s_noGcRegionBroken;

    /// <summary>
    /// Pages held back from the heap (a few segments' worth). When an allocation fails, it is released
    /// before OutOfMemoryException is thrown: throwing allocates too (the stack trace), and a program
    /// that catches the exception needs room to carry on. It is taken back once memory is plentiful.
    /// Eight segments: reporting an unhandled OutOfMemoryException takes a 4 MiB page allocation of its own (seen
    /// in the report path, not yet traced to its caller) besides the report's objects; with four, a 64 MiB Xen
    /// guest had 8 KiB left for them and failed fast instead of reporting.
    /// </summary>
    private static void* s_reserve;
    private const nuint ReserveSize = 8 * HeapSegment.Size;

    /// <summary>Bytes the program may allocate before the next collection.</summary>
    public static ulong Budget => s_budget;

    public static ulong AllocatedSinceCollection => GcStatistics.AllocatedBytes - s_allocatedAtLastCollection;

    /// <summary>
    /// Zeroed memory for an object of <paramref name="size"/> bytes (a multiple of 8) once the inlined bump of
    /// ObjectAllocation failed; returns the object address (its header is just before). Tries the bump once more:
    /// another thread may have opened a span while the caller was preemptible.
    /// </summary>
    public static byte* Allocate(nuint size)
    {
        if (size < SmallObjectSpace.LargestObject)
        {
            byte* obj = SmallObjectSpace.TryAllocate(size);
            if (obj != null)
                return obj;
        }
        return AllocateSlow(size);
    }

    /// <summary>Collects now (GC.Collect), then resets the budget and refills the reserve if memory allows.</summary>
    public static void Collect(CollectionReason reason)
    {
        if (s_noGcRegionBytes >= 0)
            s_noGcRegionBroken = true;
        Collector.Collect(reason);
        if (FinalizationQueue.ReadyCount != 0)
            Finalization.FinalizerThread.Request();
        s_budget = System.Math.Max(GcStatistics.LiveBytes, MinimumBudget());
        s_allocatedAtLastCollection = GcStatistics.AllocatedBytes;
        TakeReserve();
    }

    /// <summary>Called once at start-up.</summary>
    public static void Initialize()
    {
        TakeReserve();
        s_budget = MinimumBudget();
    }

    /// <summary>Holds the reserve back only while memory is plentiful: in a small guest it would starve the heap.</summary>
    private static void TakeReserve()
    {
        if (s_reserve == null && Memory.PageMemory.TotalBytes - Memory.PageMemory.UsedBytes >= 4 * ReserveSize)
            s_reserve = Memory.PageMemory.AllocatePages(ReserveSize);
    }

    private static ulong MinimumBudget() => System.Math.Max(Memory.PageMemory.TotalBytes / 8, SmallestBudget);

    /// <summary>The allocation of <paramref name="size"/> bytes failed for good: release the reserve so the failure can be reported and handled.</summary>
    private static byte* Fail()
    {
        if (s_reserve != null)
        {
            Memory.PageMemory.FreePages(s_reserve, ReserveSize);
            s_reserve = null;
        }
        return null;
    }

    /// <summary>
    /// GC.TryStartNoGCRegion: collects, then promises <paramref name="bytes"/> of allocation without a
    /// collection if that much memory is free. Returns CoreLib's StartNoGCRegionStatus.
    /// </summary>
    public static int StartNoGcRegion(long bytes)
    {
        const int Succeeded = 0, NotEnoughMemory = 1, AlreadyInProgress = 3;
        if (s_noGcRegionBytes >= 0)
            return AlreadyInProgress;
        Collect(CollectionReason.Requested);
        ulong available = Memory.PageMemory.TotalBytes - Memory.PageMemory.UsedBytes + SmallObjectSpace.ListedFreeBytes;
        if ((ulong)bytes > available)
            return NotEnoughMemory;
        s_noGcRegionBytes = bytes;
        s_noGcRegionBroken = false;
        s_allocatedAtLastCollection = GcStatistics.AllocatedBytes;
        return Succeeded;
    }

    public static bool InNoGcRegion => s_noGcRegionBytes >= 0;

    /// <summary>GC.EndNoGCRegion; returns CoreLib's EndNoGCRegionStatus.</summary>
    public static int EndNoGcRegion()
    {
        const int Succeeded = 0, NotInProgress = 1, GcInduced = 2, AllocationExceeded = 3;
        if (s_noGcRegionBytes < 0)
            return NotInProgress;
        bool exceeded = GcStatistics.AllocatedBytes - s_allocatedAtLastCollection > (ulong)s_noGcRegionBytes;
        bool broken = s_noGcRegionBroken;
        s_noGcRegionBytes = -1;
        return exceeded ? AllocationExceeded : broken ? GcInduced : Succeeded;
    }

    private static bool BudgetLeft
    {
        get
        {
            ulong used = GcStatistics.AllocatedBytes - s_allocatedAtLastCollection;
            return s_noGcRegionBytes >= 0 && !s_noGcRegionBroken ? used <= (ulong)s_noGcRegionBytes : used < s_budget;
        }
    }

    private static byte* AllocateSlow(nuint size)
    {
        if (size >= SmallObjectSpace.LargestObject)
            return AllocateLarge(size);
        if (SmallObjectSpace.TakeListedSpan(size) || (BudgetLeft && SmallObjectSpace.AddSegment()))
            return SmallObjectSpace.TryAllocate(size);
        CollectForAllocation();
        if (SmallObjectSpace.TakeListedSpan(size) || SmallObjectSpace.AddSegment())
            return SmallObjectSpace.TryAllocate(size);
        return Fail();
    }

    private static byte* AllocateLarge(nuint size)
    {
        if (!BudgetLeft)
            CollectForAllocation();
        byte* obj = LargeObjectSpace.Allocate(size);
        if (obj != null)
            return obj;
        CollectForAllocation();
        obj = LargeObjectSpace.Allocate(size);
        return obj != null ? obj : Fail();
    }

    private static void CollectForAllocation() => Collect(CollectionReason.Allocation);
}
