using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Maps device registers (a PCI BAR, the ECAM window) uncached through <see cref="PageTables.MapDeviceMemory"/>,
/// first giving the page tables, from <see cref="DevicePages"/>, the page directories a range beyond mapped
/// memory may need: one per GiB it touches. Devices start after boot, so the boot memory map is no longer the
/// platform's to take from; spares left over serve <see cref="PageTables.Protect"/>'s splits later, none is wasted.
/// </summary>
internal static unsafe class DeviceRegisters
{
    private const ulong Gigabyte = 1UL << 30;

    /// <summary>False when the range is empty, wraps or lies beyond what the page tables reach, or memory ran out.</summary>
    public static bool Map(ulong address, ulong length)
    {
        ulong end = address + length;
        if (length == 0 || end < address || end > PageTables.MappableEnd)
            return false;
        ulong directories = (end - 1) / Gigabyte - address / Gigabyte + 1;
        while ((ulong)PageTables.SpareTableCount < directories)
        {
            byte* page = DevicePages.Take();
            if (page == null)
                return false;
            PageTables.AddSpareTable((ulong)page);
        }
        return PageTables.MapDeviceMemory(address, length);
    }
}
