using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// The RAM the loader reported as usable, as page-aligned ranges, less what must not be handed out: low memory
/// (below 1 MiB), the loaded image, ranges reserved by the platform (boot modules), and RAM beyond what the page
/// tables can map. Filled while the boot information is parsed; until the kernel reads it, the platform may take
/// single pages from it for its page tables. Shared by both platforms.
/// </summary>
internal static unsafe class UsableMemoryMap
{
    private const int MaxRegions = 64;
    private const int MaxReserved = 16;
    private const ulong LowMemoryEnd = 0x100000;
    private const ulong PageSize = 4096;

    private static RegionTable s_regions;
    private static int s_regionCount;
    private static ReservedTable s_reserved;
    private static int s_reservedCount;

    public static int Count => s_regionCount;

    public static MemoryRegion Get(int index) =>
        (uint)index < (uint)s_regionCount ? s_regions[index] : default;

    /// <summary>The end of the highest usable range (0 when there is none).</summary>
    public static ulong HighestEnd
    {
        get
        {
            ulong end = 0;
            for (int i = 0; i < s_regionCount; i++)
                end = s_regions[i].End > end ? s_regions[i].End : end;
            return end;
        }
    }

    /// <summary>Keeps [start, start + length) out of every range added later (e.g. a boot module); false when the table is full.</summary>
    public static bool Reserve(ulong start, ulong length)
    {
        if (start + length <= start || s_reservedCount == MaxReserved)
            return false;
        s_reserved[s_reservedCount++] = new MemoryRegion(start & ~(PageSize - 1), start + length - (start & ~(PageSize - 1)));
        return true;
    }

    /// <summary>Adds a usable RAM range from the loader's map, less what is not ours to hand out.</summary>
    public static void Add(ulong start, ulong length)
    {
        ulong end = start + length;
        if (end <= start)
            return;
        if (start < LowMemoryEnd)
            start = LowMemoryEnd;
        AddExcluding(start, end, -1);
    }

    /// <summary>
    /// Takes one page from the lowest usable range below <paramref name="limit"/> away from the map, for the
    /// platform's own use (page tables); 0 when there is none. Only before the kernel reads the map.
    /// </summary>
    public static ulong TakePage(ulong limit)
    {
        int best = -1;
        for (int i = 0; i < s_regionCount; i++)
        {
            MemoryRegion region = s_regions[i];
            if (region.Length >= PageSize && region.Start + PageSize <= limit && (best < 0 || region.Start < s_regions[best].Start))
                best = i;
        }
        if (best < 0)
            return 0;
        MemoryRegion taken = s_regions[best];
        s_regions[best] = new MemoryRegion(taken.Start + PageSize, taken.Length - PageSize);
        return taken.Start;
    }

    /// <summary>Adds [start, end) minus the image (hole -1) and the reserved ranges from index <paramref name="hole"/> on.</summary>
    private static void AddExcluding(ulong start, ulong end, int hole)
    {
        for (; hole < s_reservedCount && start < end; hole++)
        {
            MemoryRegion excluded = hole < 0 ? new MemoryRegion((ulong)ImageStart(), (ulong)(ImageEnd() - ImageStart())) : s_reserved[hole];
            if (start < excluded.End && end > excluded.Start)
            {
                if (start < excluded.Start)
                    AddExcluding(start, excluded.Start, hole + 1);
                start = excluded.End;
            }
        }
        Append(start, end);
    }

    private static void Append(ulong start, ulong end)
    {
        if (end > PageTables.MappableEnd)
            end = PageTables.MappableEnd;
        start = (start + PageSize - 1) & ~(PageSize - 1);
        end &= ~(PageSize - 1);
        if (end <= start || s_regionCount == MaxRegions)
            return;
        s_regions[s_regionCount++] = new MemoryRegion(start, end - start);
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_start")]
    private static extern byte* ImageStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_end")]
    private static extern byte* ImageEnd();

    [InlineArray(MaxRegions)]
    private struct RegionTable
    {
        private MemoryRegion _first;
    }

    [InlineArray(MaxReserved)]
    private struct ReservedTable
    {
        private MemoryRegion _first;
    }
}
