using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// The PVH <c>hvm_start_info</c> Xen (or the toolstack) hands over in ebx: flags (dom0 or not), the command line,
/// the modules and the memory map (version 1; version 0 start infos get the map from XENMEM_memory_map). Everything
/// is copied into the image before anything can allocate over it; module ranges are kept out of the usable memory.
/// Same name and page-taking members as hypercall-baremetal's, whose PageTables the Xen platform shares.
/// </summary>
internal static unsafe class BootInfo
{
    private const uint Magic = 0x336EC578;
    private const uint InitialDomainFlag = 1 << 1;
    private const int MaxRegions = 64;
    private const int MaxModules = 16;
    private const int MaxCommandLine = 4096;
    private const ulong LowMemoryEnd = 0x100000;
    private const ulong MemoryMapOp = 9;
    private const ulong PageSize = 4096;

    private static RegionTable s_regions;
    private static int s_regionCount;
    private static RegionTable s_modules;
    private static int s_moduleCount;
    private static CommandLineBuffer s_commandLine;

    public static byte* CommandLine => (byte*)Unsafe.AsPointer(ref s_commandLine);

    public static int MemoryRegionCount => s_regionCount;

    public static MemoryRegion GetMemoryRegion(int index) =>
        (uint)index < (uint)s_regionCount ? s_regions[index] : default;

    /// <summary>The end of the highest usable range.</summary>
    public static ulong HighestEnd
    {
        get
        {
            ulong end = 0;
            for (int i = 0; i < s_regionCount; i++)
            {
                if (s_regions[i].End > end)
                    end = s_regions[i].End;
            }
            return end;
        }
    }

    /// <summary>
    /// Removes one page from the start of the lowest usable range that has one below <paramref name="limit"/>,
    /// for the platform's page tables; 0 when there is none. Only before the kernel reads the memory map.
    /// </summary>
    public static ulong TakePage(ulong limit)
    {
        int lowest = -1;
        for (int i = 0; i < s_regionCount; i++)
        {
            MemoryRegion region = s_regions[i];
            if (region.Length >= PageSize && region.Start + PageSize <= limit && (lowest < 0 || region.Start < s_regions[lowest].Start))
                lowest = i;
        }
        if (lowest < 0)
            return 0;
        ulong page = s_regions[lowest].Start;
        s_regions[lowest] = new MemoryRegion(page + PageSize, s_regions[lowest].Length - PageSize);
        return page;
    }

    public static int ModuleCount => s_moduleCount;

    public static MemoryRegion GetModule(int index) =>
        (uint)index < (uint)s_moduleCount ? s_modules[index] : default;

    /// <summary>True when Xen started us as the initial (hardware) domain, dom0.</summary>
    public static bool IsInitialDomain { get; private set; }

    public static bool Parse(byte* info)
    {
        if (info == null || *(uint*)info != Magic)
            return false;
        uint version = *(uint*)(info + 4);
        IsInitialDomain = (*(uint*)(info + 8) & InitialDomainFlag) != 0;
        CopyCommandLine((byte*)*(ulong*)(info + 24));

        uint modules = *(uint*)(info + 12);
        byte* list = (byte*)*(ulong*)(info + 16);
        // struct hvm_modlist_entry: paddr, size, cmdline_paddr, reserved.
        for (uint i = 0; i < modules && list != null && s_moduleCount < MaxModules; i++)
        {
            ulong start = *(ulong*)(list + i * 32);
            ulong size = *(ulong*)(list + i * 32 + 8);
            if (start + size > start)
                s_modules[s_moduleCount++] = new MemoryRegion(start, size);
        }

        ulong map = version >= 1 ? *(ulong*)(info + 40) : 0;
        uint entries = version >= 1 ? *(uint*)(info + 48) : 0;
        if (map != 0 && entries != 0)
        {
            for (uint i = 0; i < entries; i++)
                AddE820((byte*)map + i * 24);
        }
        else
        {
            AddFromHypervisorMap();
        }
        return true;
    }

    private static void AddE820(byte* entry)
    {
        if (*(uint*)(entry + 16) == 1)
            AddRegion(*(ulong*)entry, *(ulong*)(entry + 8));
    }

    /// <summary>XENMEM_memory_map: the guest's E820 as the toolstack set it.</summary>
    private static void AddFromHypervisorMap()
    {
        byte* entries = stackalloc byte[MaxRegions * 20];
        // struct xen_memory_map: nr_entries u32 (in: capacity, out: count), buffer handle u64.
        ulong* request = stackalloc ulong[2];
        request[0] = MaxRegions;
        request[1] = (ulong)entries;
        if (XenHypercall.Call(XenHypercall.MemoryOp, MemoryMapOp, (ulong)request) != 0)
            return;
        uint count = (uint)request[0];
        // Xen's E820 entries are packed: addr u64, size u64, type u32.
        for (uint i = 0; i < count && i < MaxRegions; i++)
        {
            byte* e = entries + i * 20;
            if (*(uint*)(e + 16) == 1)
                AddRegion(*(ulong*)e, *(ulong*)(e + 8));
        }
    }

    private static void CopyCommandLine(byte* source)
    {
        byte* target = CommandLine;
        int length = 0;
        if (source != null)
        {
            while (length < MaxCommandLine - 1 && source[length] != 0)
            {
                target[length] = source[length];
                length++;
            }
        }
        target[length] = 0;
    }

    /// <summary>Adds RAM, less low memory, the loaded image and the modules.</summary>
    private static void AddRegion(ulong start, ulong length)
    {
        ulong end = start + length;
        if (end <= start)
            return;
        if (start < LowMemoryEnd)
            start = LowMemoryEnd;
        AddExcluding(start, end, 0);
    }

    /// <summary>Adds [start, end) minus the reserved ranges from index <paramref name="reserved"/> on (0: the image, then modules).</summary>
    private static void AddExcluding(ulong start, ulong end, int reserved)
    {
        while (start < end)
        {
            if (reserved > s_moduleCount)
            {
                Append(start, end);
                return;
            }
            ulong holeStart, holeEnd;
            if (reserved == 0)
            {
                holeStart = (ulong)ImageStart();
                holeEnd = (ulong)ImageEnd();
            }
            else
            {
                holeStart = s_modules[reserved - 1].Start & ~4095UL;
                holeEnd = s_modules[reserved - 1].End;
            }
            reserved++;
            if (start < holeEnd && end > holeStart)
            {
                if (start < holeStart)
                    AddExcluding(start, holeStart, reserved);
                start = holeEnd;
            }
        }
    }

    private static void Append(ulong start, ulong end)
    {
        start = (start + 4095) & ~4095UL;
        end &= ~4095UL;
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

    [InlineArray(MaxCommandLine)]
    private struct CommandLineBuffer
    {
        private byte _first;
    }
}
