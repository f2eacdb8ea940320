using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// Zeroed 4 KiB pages for device rings and buffers, given for good. Devices start after boot (on first use of the
/// network), when the kernel's page allocator owns all of RAM, so the pages come from it: the kernel exports its
/// allocator as <c>sharprun_kernel_allocate_pages</c> (Sharprun.Kernel's PageMemory.AllocatePages) and this is its
/// only caller, so nothing runs or registers at boot and images without devices carry no code for this. Memory
/// is identity-mapped, so a page's address is also its bus address; virtio (VERSION_1) takes 64-bit addresses.
/// </summary>
internal static unsafe class DevicePages
{
    public const int PageSize = 4096;

    /// <summary>A zeroed page; null when the kernel has no memory left.</summary>
    public static byte* Take() => (byte*)AllocateKernelPages(PageSize);

    /// <summary>Zeroed, page-aligned memory of at least <paramref name="byteCount"/> bytes, or null (the kernel's PageMemory.AllocatePages).</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_kernel_allocate_pages")]
    private static extern void* AllocateKernelPages(nuint byteCount);
}
