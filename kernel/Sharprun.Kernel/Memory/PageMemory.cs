using System.Runtime;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Memory;

/// <summary>
/// Physical pages of every usable RAM range of the boot memory map, identity mapped, through one
/// <see cref="PageRunAllocator"/>: O(1) allocate and free with coalescing, exact page counts (a run of many MiB
/// is one allocation), and an initialization that touches only each range's bitmap, so boot time does not grow
/// with memory size. Freeing what was not allocated is a kernel bug and panics.
/// Beneath the runtime: no allocation, no exceptions; one CPU and no preemption, so no lock yet.
/// </summary>
internal static unsafe class PageMemory
{
    public const nuint PageSize = (nuint)PageRunAllocator.PageSize;

    private static PageRunAllocator s_allocator;

    /// <summary>Bytes of RAM the allocator manages (less the ranges' bitmaps).</summary>
    public static ulong TotalBytes => s_allocator.TotalBytes;

    public static ulong UsedBytes => s_allocator.UsedBytes;

    public static ulong FreeBytes => s_allocator.FreeBytes;

    public static void Initialize()
    {
        for (int i = 0; i < Hypercalls.MemoryRegionCount; i++)
        {
            MemoryRegion region = Hypercalls.GetMemoryRegion(i);
            // A range too small for its bitmap and a page is not worth having; the boot map holds no overlaps.
            s_allocator.AddRange(region.Start, region.Length);
        }
    }

    /// <summary>
    /// Page-aligned, zeroed memory of at least <paramref name="byteCount"/> bytes, or null when RAM is exhausted.
    /// Exported for the platform, which takes device rings and buffers here when it starts devices after boot
    /// (bare metal's DevicePages): a link-time name rather than a pointer registered at boot, so it costs no code.
    /// </summary>
    [RuntimeExport("sharprun_kernel_allocate_pages")]
    public static void* AllocatePages(nuint byteCount)
    {
        Threading.Preemption.Disable();
        void* pages = AllocatePagesUnguarded(byteCount);
        Threading.Preemption.Enable();
        return pages;
    }

    private static void* AllocatePagesUnguarded(nuint byteCount)
    {
        if (byteCount == 0 || byteCount > nuint.MaxValue - (PageSize - 1))
            return null;
        return s_allocator.Allocate((ulong)(byteCount + PageSize - 1) / PageSize);
    }

    /// <summary>Gives back memory from <see cref="AllocatePages"/>: the same start, and the same byte count or one rounding to the same pages.</summary>
    public static void FreePages(void* start, nuint byteCount)
    {
        Threading.Preemption.Disable();
        FreePagesUnguarded(start, byteCount);
        Threading.Preemption.Enable();
    }

    private static void FreePagesUnguarded(void* start, nuint byteCount)
    {
        if (start == null || byteCount == 0)
            return;
        ulong pages = ((ulong)byteCount + PageSize - 1) / PageSize;
        switch (s_allocator.Free(start, pages))
        {
            case PageFreeStatus.Freed:
                return;
            case PageFreeStatus.Misaligned:
                Fail("address is not page aligned", start, byteCount);
                return;
            case PageFreeStatus.OutsideMemory:
                Fail("the pages are not RAM the page allocator manages", start, byteCount);
                return;
            default:
                Fail("some of the pages are already free (double free or wrong length)", start, byteCount);
                return;
        }
    }

    private static void Fail(string reason, void* start, nuint byteCount)
    {
        Panic.Begin("PageMemory.FreePages: ");
        KernelLog.Write(reason);
        Panic.Value("address", (ulong)start);
        Panic.Value("bytes", byteCount);
        Panic.End();
    }
}
