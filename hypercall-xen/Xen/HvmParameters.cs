namespace Sharprun.Hypercall.Xen;

/// <summary>HVMOP_get_param / HVMOP_set_param: how a PVH guest finds its console and xenstore rings.</summary>
internal static unsafe class HvmParameters
{
    public const uint CallbackIrq = 0;
    public const uint StorePfn = 1;
    public const uint StoreEventChannel = 2;
    public const uint ConsolePfn = 17;
    public const uint ConsoleEventChannel = 18;

    private const ulong SetParam = 0;
    private const ulong GetParam = 1;

    private struct Parameter
    {
        public ushort Domain;
        public uint Index;
        public ulong Value;
    }

    /// <summary>The parameter's value, or 0 when Xen refuses (a dom0 has no console or store ring).</summary>
    public static ulong Get(uint index)
    {
        Parameter p;
        p.Domain = XenHypercall.DomainSelf;
        p.Index = index;
        p.Value = 0;
        return XenHypercall.Call(XenHypercall.HvmOp, GetParam, (ulong)&p) == 0 ? p.Value : 0;
    }

    public static long Set(uint index, ulong value)
    {
        Parameter p;
        p.Domain = XenHypercall.DomainSelf;
        p.Index = index;
        p.Value = value;
        return XenHypercall.Call(XenHypercall.HvmOp, SetParam, (ulong)&p);
    }
}
