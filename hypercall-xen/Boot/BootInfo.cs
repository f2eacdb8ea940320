using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// The PVH <c>hvm_start_info</c> Xen (or the toolstack) hands over in ebx: flags (dom0 or not), the command line,
/// the modules and the memory map (version 1; version 0 start infos get the map from XENMEM_memory_map). Everything
/// is copied into the image before anything can allocate over it (<see cref="BootCommandLine"/>,
/// <see cref="UsableMemoryMap"/>, shared with bare metal); module ranges are kept out of the usable memory.
/// </summary>
internal static unsafe class BootInfo
{
    private const uint Magic = 0x336EC578;
    private const uint InitialDomainFlag = 1 << 1;
    private const int MaxModules = 16;
    private const int MaxMapEntries = 64;
    private const ulong MemoryMapOp = 9;

    private static ModuleTable s_modules;
    private static int s_moduleCount;

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
        BootCommandLine.Copy((byte*)*(ulong*)(info + 24), BootCommandLine.Capacity);

        uint modules = *(uint*)(info + 12);
        byte* list = (byte*)*(ulong*)(info + 16);
        // struct hvm_modlist_entry: paddr, size, cmdline_paddr, reserved.
        for (uint i = 0; i < modules && list != null && s_moduleCount < MaxModules; i++)
        {
            ulong start = *(ulong*)(list + i * 32);
            ulong size = *(ulong*)(list + i * 32 + 8);
            if (UsableMemoryMap.Reserve(start, size))
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
            UsableMemoryMap.Add(*(ulong*)entry, *(ulong*)(entry + 8));
    }

    /// <summary>XENMEM_memory_map: the guest's E820 as the toolstack set it.</summary>
    private static void AddFromHypervisorMap()
    {
        byte* entries = stackalloc byte[MaxMapEntries * 20];
        // struct xen_memory_map: nr_entries u32 (in: capacity, out: count), buffer handle u64.
        ulong* request = stackalloc ulong[2];
        request[0] = MaxMapEntries;
        request[1] = (ulong)entries;
        if (XenHypercall.Call(XenHypercall.MemoryOp, MemoryMapOp, (ulong)request) != 0)
            return;
        uint count = (uint)request[0];
        // Xen's E820 entries are packed: addr u64, size u64, type u32.
        for (uint i = 0; i < count && i < MaxMapEntries; i++)
        {
            byte* e = entries + i * 20;
            if (*(uint*)(e + 16) == 1)
                UsableMemoryMap.Add(*(ulong*)e, *(ulong*)(e + 8));
        }
    }

    [InlineArray(MaxModules)]
    private struct ModuleTable
    {
        private MemoryRegion _first;
    }
}
