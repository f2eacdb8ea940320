using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.LowLevel.Xen;

/// <summary>
/// Every piece of hand-written machine code a Xen image contains, as one object: the bare-metal set (a Xen PVH
/// guest enters through the same PVH entry, page tables, IDT, device-vector entry stubs — the event channel upcall
/// is one of those vectors — and runtime stubs) plus the Xen layer: hypercall page and trampoline, and the
/// page-aligned frames Xen maps shared info and the grant table into.
/// </summary>
public static class XenStubs
{
    public const string PvhEntrySymbol = BaremetalStubs.PvhEntrySymbol;

    public static ObjectFile Build()
    {
        var stubs = BaremetalStubs.Build();
        HypercallStubs.AddTo(stubs);
        XenPages.AddTo(stubs);
        return stubs;
    }
}
