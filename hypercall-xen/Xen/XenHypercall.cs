using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Calls into Xen through the hypercall page (toolchain stub <c>sharprun_xen_hypercall</c>: hypercall number, then
/// up to five arguments). Results are Xen's: zero or positive on success, a negated Linux errno on failure.
/// </summary>
internal static unsafe class XenHypercall
{
    // Hypercall numbers (xen/include/public/xen.h).
    public const ulong MemoryOp = 12;
    public const ulong XenVersion = 17;
    public const ulong ConsoleIo = 18;
    public const ulong GrantTableOp = 20;
    public const ulong VcpuOp = 24;
    public const ulong SchedOp = 29;
    public const ulong EventChannelOp = 32;
    public const ulong HvmOp = 34;

    /// <summary>DOMID_SELF: "the calling domain" in every domain id argument.</summary>
    public const ushort DomainSelf = 0x7FF0;

    public static long Call(ulong number, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0) =>
        Invoke(number, a1, a2, a3, a4, a5);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_xen_hypercall")]
    private static extern long Invoke(ulong number, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5);
}
