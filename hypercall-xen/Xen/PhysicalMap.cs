namespace Sharprun.Hypercall.Xen;

/// <summary>XENMEM_add_to_physmap: places a Xen-owned frame (shared info, grant table) at one of our page frames.</summary>
internal static unsafe class PhysicalMap
{
    private const ulong AddToPhysmap = 7;

    private struct Request
    {
        public ushort Domain;
        public ushort Size;
        public uint Space;
        public ulong Index;
        public ulong GuestFrame;
    }

    public static long Add(uint space, ulong index, ulong guestFrame)
    {
        Request r;
        r.Domain = XenHypercall.DomainSelf;
        r.Size = 0;
        r.Space = space;
        r.Index = index;
        r.GuestFrame = guestFrame;
        return XenHypercall.Call(XenHypercall.MemoryOp, AddToPhysmap, (ulong)&r);
    }
}
