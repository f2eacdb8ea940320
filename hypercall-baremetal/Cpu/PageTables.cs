using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Boot;
using Sharprun.Hypercall.Devices;

namespace Sharprun.Hypercall.Cpu;

/// <summary>
/// The identity map and its protections. The boot stub maps the first 4 GiB read-write-executable with 2 MiB
/// pages; <see cref="Initialize"/> then gives the image 4 KiB pages — page 0 absent, the read-only segment
/// read-only and not executable, code read-only and executable, data and bss read-write and not executable,
/// the stacks' guard pages absent — makes every other page read-write and not executable, maps RAM above
/// 4 GiB the same way, and turns on CR0.WP so that the kernel too faults on writes to read-only pages
/// (EFER.NXE is already on). The work is per 2 MiB and per GiB, not per page, so it does not grow with -m.
/// <see cref="Protect"/> later changes protections page by page outside the image, splitting 2 MiB pages
/// with spare page tables: a few set aside at boot, more as the kernel donates them (<see cref="AddSpareTable"/>).
/// Beneath the runtime: no allocation, no exceptions. The entries are edited in the live tables; pages keep
/// their physical address, only their size and rights change, and the TLB is flushed after.
/// </summary>
internal static unsafe class PageTables
{
    /// <summary>One page directory pointer table maps 512 GiB; RAM beyond is left out of the memory map.</summary>
    public const ulong MappableEnd = 512 * Gigabyte;

    private const ulong Present = 1;
    private const ulong Writable = 2;
    private const ulong LargePage = 0x80;
    private const ulong NoExecute = 1UL << 63;
    private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
    private const ulong WriteProtect = 1UL << 16;
    private const ulong WriteThrough = 1UL << 3;
    private const ulong CacheDisable = 1UL << 4;

    private const ulong PageSize = 4096;
    private const ulong LargePageSize = 2 * 1024 * 1024;
    private const ulong Gigabyte = 1024 * 1024 * 1024;
    private const ulong BootMappedEnd = 4 * Gigabyte;
    private const int EntriesPerTable = 512;
    private const int BootSpareTables = 8;

    private static ulong s_mappedEnd;

    /// <summary>The first spare page table; each spare holds the address of the next in its first word (0 ends the list).</summary>
    private static ulong s_spareTables;
    private static int s_spareTableCount;

    public static int SpareTableCount => s_spareTableCount;

    /// <summary>False when there was no RAM left for the page tables the image or high memory needs.</summary>
    public static bool Initialize()
    {
        ulong imageEnd = (ulong)ImageEnd();
        ulong imageChunks = (imageEnd + LargePageSize - 1) / LargePageSize;
        ulong* directory = BootPageDirectory();
        for (ulong chunk = 0; chunk < imageChunks; chunk++)
        {
            var table = (ulong*)(chunk == 0 ? (ulong)BootPageTable() : UsableMemoryMap.TakePage(BootMappedEnd));
            if (table == null)
                return false;
            for (ulong entry = 0; entry < EntriesPerTable; entry++)
            {
                ulong address = chunk * LargePageSize + entry * PageSize;
                table[entry] = address == 0 ? 0 : address | ImageRights(address);
            }
            directory[chunk] = (ulong)table | Present | Writable;
        }
        // The boot tables map 4 GiB as 2048 contiguous directory entries.
        for (ulong chunk = imageChunks; chunk < BootMappedEnd / LargePageSize; chunk++)
            directory[chunk] |= NoExecute;
        s_mappedEnd = BootMappedEnd;

        ulong* pointers = BootPageDirectoryPointers();
        ulong ramEnd = UsableMemoryMap.HighestEnd;
        for (ulong gigabyte = BootMappedEnd / Gigabyte; gigabyte * Gigabyte < ramEnd; gigabyte++)
        {
            var table = (ulong*)UsableMemoryMap.TakePage(BootMappedEnd);
            if (table == null)
                return false;
            for (ulong entry = 0; entry < EntriesPerTable; entry++)
                table[entry] = (gigabyte * Gigabyte + entry * LargePageSize) | Present | Writable | LargePage | NoExecute;
            pointers[gigabyte] = (ulong)table | Present | Writable;
            s_mappedEnd = (gigabyte + 1) * Gigabyte;
        }

        *LeafEntry((ulong)BootStackGuard()) = 0;
        *LeafEntry((ulong)PageFaultStackGuard()) = 0;
        *LeafEntry((ulong)DoubleFaultStackGuard()) = 0;
        *LeafEntry((ulong)InterruptStackGuard()) = 0;

        while (s_spareTableCount < BootSpareTables && UsableMemoryMap.TakePage(BootMappedEnd) is var spare && spare != 0)
            PushSpareTable(spare);

        Instructions.WriteCr3(Instructions.ReadCr3());
        Instructions.WriteCr0(Instructions.ReadCr0() | WriteProtect);
        return true;
    }

    /// <summary>
    /// Gives the pages of [address, address + length) the rights <paramref name="access"/>. False, with nothing
    /// changed, when the range is not page-aligned, is empty, reaches page 0, the image or beyond mapped memory,
    /// or needs more 2 MiB pages split than there are spare page tables left.
    /// </summary>
    public static bool Protect(ulong address, ulong length, PageAccess access)
    {
        if ((address & (PageSize - 1)) != 0 || length == 0 || length > s_mappedEnd || address < PageSize)
            return false;
        ulong end = (address + length + PageSize - 1) & ~(PageSize - 1);
        if (end < address || end > s_mappedEnd)
            return false;
        if (address < (ulong)ImageEnd() && end > (ulong)ImageStart())
            return false;

        int splits = 0;
        for (ulong chunk = address & ~(LargePageSize - 1); chunk < end; chunk += LargePageSize)
        {
            if ((*DirectoryEntry(chunk) & LargePage) != 0)
                splits++;
        }
        if (splits > s_spareTableCount)
            return false;

        ulong rights = access switch
        {
            PageAccess.ReadOnly => Present | NoExecute,
            PageAccess.ReadWrite => Present | Writable | NoExecute,
            PageAccess.ReadExecute => Present,
            _ => 0,
        };
        for (ulong page = address; page < end; page += PageSize)
        {
            ulong* directoryEntry = DirectoryEntry(page);
            if ((*directoryEntry & LargePage) != 0)
                Split(directoryEntry);
            *LeafEntry(page) = rights == 0 ? 0 : page | rights;
        }
        if (splits > 0 || (end - address) / PageSize > 64)
            Instructions.WriteCr3(Instructions.ReadCr3());
        else
        {
            for (ulong page = address; page < end; page += PageSize)
                Instructions.InvalidatePage(page);
        }
        return true;
    }

    /// <summary>
    /// Adds a page of RAM the kernel gives up for good to the spare page tables. A page that is not page-aligned,
    /// not mapped RAM, or part of the image is a kernel bug: it panics rather than corrupt the page tables.
    /// </summary>
    public static void AddSpareTable(ulong page)
    {
        if ((page & (PageSize - 1)) != 0 || page < PageSize || page >= s_mappedEnd
            || (page < (ulong)ImageEnd() && page + PageSize > (ulong)ImageStart()))
        {
            System.ReadOnlySpan<byte> complaint = "panic: a page given to the platform for page tables is not a free page of RAM\n"u8;
            fixed (byte* text = complaint)
                Hypercalls.ConsoleWrite(ConsoleStream.Kernel, text, complaint.Length);
            Hypercalls.Panic();
        }
        PushSpareTable(page);
    }

    /// <summary>
    /// Makes the 2 MiB page (or 4 KiB page, where it was split) holding <paramref name="address"/> uncacheable:
    /// for device registers (the APICs) mapped among ordinary memory. False when it is not mapped.
    /// </summary>
    public static bool MakeUncacheable(ulong address)
    {
        if (address < PageSize || address >= s_mappedEnd)
            return false;
        ulong* directoryEntry = DirectoryEntry(address);
        ulong* entry = (*directoryEntry & LargePage) != 0 ? directoryEntry : LeafEntry(address);
        if ((*entry & Present) == 0)
            return false;
        *entry |= CacheDisable | WriteThrough;
        Instructions.InvalidatePage(address);
        return true;
    }

    /// <summary>
    /// Maps device registers at [address, address + length) (a PCI BAR, an ECAM window) read-write, not executable
    /// and uncached: within mapped memory by marking its pages uncacheable, beyond it (a 64-bit BAR above RAM) in
    /// 2 MiB pages under page directories taken from the spare page tables (devices start after boot, when the
    /// memory map is the kernel's; the caller donates what the range needs). Called with interrupts disabled.
    /// False, with nothing changed, when the range is empty, wraps, reaches page 0 or lies
    /// beyond the 512 GiB the tables reach, or needs more directories than there are spare page tables.
    /// </summary>
    public static bool MapDeviceMemory(ulong address, ulong length)
    {
        ulong end = address + length;
        if (length == 0 || end < address || address < PageSize || end > MappableEnd)
            return false;
        ulong* pointers = BootPageDirectoryPointers();
        int directories = 0;
        for (ulong gigabyte = address / Gigabyte; gigabyte * Gigabyte < end; gigabyte++)
        {
            if ((pointers[gigabyte] & Present) == 0)
                directories++;
        }
        if (directories > s_spareTableCount)
            return false;
        for (ulong chunk = address & ~(LargePageSize - 1); chunk < end; chunk += LargePageSize)
        {
            ulong* pointer = pointers + chunk / Gigabyte;
            if ((*pointer & Present) == 0)
            {
                var directory = PopSpareTable();
                for (ulong entry = 0; entry < EntriesPerTable; entry++)
                    directory[entry] = 0;
                *pointer = (ulong)directory | Present | Writable;
            }
            ulong* directoryEntry = DirectoryEntry(chunk);
            if ((*directoryEntry & Present) == 0)
                *directoryEntry = chunk | Present | Writable | LargePage | NoExecute | CacheDisable | WriteThrough;
            else if ((*directoryEntry & LargePage) != 0)
                *directoryEntry |= CacheDisable | WriteThrough;
            else
            {
                ulong first = chunk > address ? chunk : address & ~(PageSize - 1);
                ulong last = chunk + LargePageSize < end ? chunk + LargePageSize : end;
                for (ulong page = first; page < last; page += PageSize)
                    *LeafEntry(page) |= CacheDisable | WriteThrough;
            }
        }
        Instructions.WriteCr3(Instructions.ReadCr3());
        return true;
    }

    /// <summary>
    /// True when <paramref name="address"/> lies in a page of mapped memory that was made inaccessible on
    /// purpose (a stack's guard page, or <see cref="PageAccess.None"/>); page 0 does not count.
    /// </summary>
    public static bool IsGuardPage(ulong address)
    {
        if (address < PageSize || address >= s_mappedEnd)
            return false;
        ulong directoryEntry = *DirectoryEntry(address);
        if ((directoryEntry & LargePage) != 0)
            return false;
        return (*LeafEntry(address) & Present) == 0;
    }

    private static ulong ImageRights(ulong address)
    {
        if (address < (ulong)ImageStart() || address >= (ulong)ImageEnd())
            return Present | Writable | NoExecute;
        // Segments start inside their first page (the linker packs the file), but never share a page.
        if (address < ((ulong)TextStart() & ~(PageSize - 1)))
            return Present | NoExecute;
        if (address < (((ulong)TextEnd() + PageSize - 1) & ~(PageSize - 1)))
            return Present;
        if (address < ((ulong)DataStart() & ~(PageSize - 1)))
            return Present | NoExecute;
        return Present | Writable | NoExecute;
    }

    /// <summary>The directory entry for <paramref name="address"/> (below the mapped end, so its tables exist).</summary>
    private static ulong* DirectoryEntry(ulong address)
    {
        ulong pointer = BootPageDirectoryPointers()[address / Gigabyte];
        return (ulong*)(pointer & AddressMask) + (address / LargePageSize) % EntriesPerTable;
    }

    /// <summary>The 4 KiB entry for <paramref name="address"/>, whose directory entry points to a page table.</summary>
    private static ulong* LeafEntry(ulong address) =>
        (ulong*)(*DirectoryEntry(address) & AddressMask) + (address / PageSize) % EntriesPerTable;

    private static void PushSpareTable(ulong page)
    {
        *(ulong*)page = s_spareTables;
        s_spareTables = page;
        s_spareTableCount++;
    }

    private static ulong* PopSpareTable()
    {
        var table = (ulong*)s_spareTables;
        s_spareTables = *table;
        s_spareTableCount--;
        return table;
    }

    private static void Split(ulong* directoryEntry)
    {
        ulong* table = PopSpareTable();
        ulong start = *directoryEntry & AddressMask & ~(LargePageSize - 1);
        ulong rights = *directoryEntry & (Present | Writable | NoExecute);
        for (ulong entry = 0; entry < EntriesPerTable; entry++)
            table[entry] = (start + entry * PageSize) | rights;
        *directoryEntry = (ulong)table | Present | Writable;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_start")]
    private static extern byte* ImageStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_end")]
    private static extern byte* ImageEnd();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_text_start")]
    private static extern byte* TextStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_text_end")]
    private static extern byte* TextEnd();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_data_start")]
    private static extern byte* DataStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_pdpt")]
    private static extern ulong* BootPageDirectoryPointers();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_pd")]
    private static extern ulong* BootPageDirectory();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_pt")]
    private static extern ulong* BootPageTable();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_boot_stack_guard")]
    private static extern byte* BootStackGuard();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_page_fault_stack_guard")]
    private static extern byte* PageFaultStackGuard();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_double_fault_stack_guard")]
    private static extern byte* DoubleFaultStackGuard();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_interrupt_stack_guard")]
    private static extern byte* InterruptStackGuard();
}
