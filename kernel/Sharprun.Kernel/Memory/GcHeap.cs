using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Memory;

/// <summary>
/// Where managed objects live: bump allocation in 1 MiB chunks taken from <see cref="PageMemory"/>,
/// large objects in their own page runs. Nothing is reclaimed yet — the collector is a later
/// milestone — so a program that outlives its memory ends in a clear out-of-memory panic.
/// </summary>
internal static unsafe class GcHeap
{
    private const nuint ChunkSize = 1 << 20;
    private const nuint LargeObjectSize = 64 * 1024;

    private static byte* s_next;
    private static byte* s_limit;
    private static ulong s_allocatedBytes;

    public static ulong AllocatedBytes => s_allocatedBytes;

    /// <summary>
    /// Zeroed memory for an object of <paramref name="size"/> bytes (8-aligned), or null when out of
    /// memory. The 8 bytes before the returned address are valid memory: they hold the object's header.
    /// </summary>
    public static byte* Allocate(nuint size)
    {
        size = (size + 7) & ~(nuint)7;
        if (size >= LargeObjectSize)
            return AllocateLarge(size);
        if ((nuint)(s_limit - s_next) < size)
        {
            byte* chunk = (byte*)PageMemory.AllocatePages(ChunkSize);
            if (chunk == null)
                return null;
            s_next = chunk + 8; // room for the first object's header
            s_limit = chunk + ChunkSize;
        }
        byte* result = s_next;
        s_next += size;
        s_allocatedBytes += size;
        return result;
    }

    private static byte* AllocateLarge(nuint size)
    {
        nuint total = size + 8;
        if (total < size)
            return null;
        byte* pages = (byte*)PageMemory.AllocatePages(total);
        if (pages == null)
            return null;
        s_allocatedBytes += size;
        return pages + 8;
    }

    /// <summary>Stops the guest with a report of what could not be allocated.</summary>
    public static void OutOfMemory(nuint requested)
    {
        Panic.Begin("out of memory: could not allocate ");
        KernelLog.WriteDecimal(requested);
        KernelLog.Write(" bytes; ");
        KernelLog.WriteDecimal(s_allocatedBytes);
        KernelLog.Write(" bytes of objects allocated, ");
        KernelLog.WriteDecimal(PageMemory.UsedBytes >> 10);
        KernelLog.Write(" KiB of ");
        KernelLog.WriteDecimal(PageMemory.TotalBytes >> 10);
        KernelLog.Write(" KiB RAM in use (no garbage collector yet: memory is never reclaimed)");
        Panic.End();
    }
}
