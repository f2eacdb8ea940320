using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Startup;

/// <summary>
/// The least memory the runtime can start in: the first heap segment, the finalizer thread's stack and the
/// kernel's own start-up allocations (command line, TLS template, idle thread). A guest with less beside the image
/// panics at once saying how much RAM it needs, instead of failing obscurely in the runtime's start-up; what the
/// application itself needs beyond that it finds out as OutOfMemoryException. Beneath the runtime: no allocation.
/// </summary>
internal static class MemoryRequirement
{
    private const ulong MiB = 1 << 20;

    /// <summary>Measured with hello: 1160 KiB usable (-m 4) leaves no room for the finalizer thread; -m 5 (about 2 MiB) boots.</summary>
    public const ulong MinimumUsableBytes = Gc.HeapSegment.Size + Threading.ThreadStacks.DefaultStackSize + 256 * 1024;

    public static void Check()
    {
        ulong usable = PageMemory.TotalBytes;
        if (usable >= MinimumUsableBytes)
            return;
        ulong ramEnd = 0;
        for (int i = 0; i < Hypercalls.MemoryRegionCount; i++)
        {
            MemoryRegion region = Hypercalls.GetMemoryRegion(i);
            if (region.Start + region.Length > ramEnd)
                ramEnd = region.Start + region.Length;
        }
        Panic.Begin("");
        KernelLog.WriteDecimal((ramEnd + MiB - 1) / MiB);
        KernelLog.Write(" MiB of RAM is too small: the image needs at least ");
        KernelLog.WriteDecimal((ramEnd + MinimumUsableBytes - usable + MiB - 1) / MiB);
        KernelLog.Write(" MiB (");
        KernelLog.WriteDecimal(usable >> 10);
        KernelLog.Write(" KiB usable beside the image; the runtime needs ");
        KernelLog.WriteDecimal(MinimumUsableBytes >> 10);
        KernelLog.Write(" KiB to start)");
        Panic.End();
    }
}
