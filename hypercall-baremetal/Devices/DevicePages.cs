using Sharprun.Hypercall.Boot;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Zeroed 4 KiB pages for device rings and buffers, taken from the memory map at boot (devices are found before
/// the kernel reads the map), below 4 GiB and identity-mapped, so a page's address is also its bus address.
/// </summary>
internal static unsafe class DevicePages
{
    private const ulong Limit = 4UL << 30;

    public const int PageSize = 4096;

    /// <summary>A zeroed page; null when the memory map has none left.</summary>
    public static byte* Take()
    {
        var page = (byte*)UsableMemoryMap.TakePage(Limit);
        if (page != null)
            new System.Span<byte>(page, PageSize).Clear();
        return page;
    }
}
