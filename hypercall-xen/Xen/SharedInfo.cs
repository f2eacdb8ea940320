using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// The shared info page, mapped over a page of the image with XENMEM_add_to_physmap: vCPU 0's vcpu_info
/// (upcall flags, pending selector, pvclock) and the 2-level event channel bitmaps.
/// </summary>
internal static unsafe class SharedInfo
{
    // struct shared_info (x86-64): vcpu_info[32] of 64 bytes, then evtchn_pending[64] and evtchn_mask[64] words.
    public const int UpcallPendingOffset = 0;
    public const int PendingSelectorOffset = 8;
    public const int TimeOffset = 32;
    public const int EventPendingOffset = 2048;
    public const int EventMaskOffset = 2560;
    /// <summary>wc_version, then wc_sec, wc_nsec and (x86-64) wc_sec_hi.</summary>
    public const int WallClockVersionOffset = 3072;

    private const uint SpaceSharedInfo = 0;

    public static byte* Page { get; private set; }

    public static bool Map()
    {
        byte* page = SharedInfoPage();
        if (((ulong)page & 4095) != 0)
            return false;
        long result = PhysicalMap.Add(SpaceSharedInfo, 0, (ulong)page >> 12);
        if (result != 0)
            return false;
        Page = page;
        return true;
    }

    public static byte* VcpuTime => Page + TimeOffset;

    public static byte* UpcallPending => Page + UpcallPendingOffset;

    public static ulong* PendingSelector => (ulong*)(Page + PendingSelectorOffset);

    public static ulong* EventPending => (ulong*)(Page + EventPendingOffset);

    public static ulong* EventMask => (ulong*)(Page + EventMaskOffset);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_xen_shared_info")]
    private static extern byte* SharedInfoPage();
}
