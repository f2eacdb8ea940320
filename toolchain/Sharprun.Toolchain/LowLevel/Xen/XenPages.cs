using Sharprun.Toolchain.LowLevel.Runtime;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Xen;

/// <summary>
/// Page frames of the image that Xen replaces with its own (XENMEM_add_to_physmap): the shared info page and the
/// grant table frames; and the <c>sharprun_address_of_*</c> functions through which the platform finds them and
/// the hypercall page.
/// </summary>
internal static class XenPages
{
    /// <summary>Must match GrantTable.MaxFrames in hypercall-xen.</summary>
    public const int GrantTableFrames = 4;

    public static void AddTo(ObjectFile target)
    {
        AddZeroed(target, ".bss.xen.shared_info", "sharprun_xen_shared_info", 4096);
        AddZeroed(target, ".bss.xen.grant_table", "sharprun_xen_grant_table", GrantTableFrames * 4096);

        var s = new StubAssembler();
        foreach (var symbol in new[] { HypercallStubs.HypercallPage, "sharprun_xen_shared_info", "sharprun_xen_grant_table" })
        {
            s.Global(LinkerSymbolStubs.Prefix + symbol);
            s.LeaExternal(rax, symbol);
            s.Code.ret();
        }
        s.Build(target, ".text.xen.addresses", SectionKind.Code);
    }

    private static void AddZeroed(ObjectFile target, string section, string symbol, int size)
    {
        var s = target.AddSection(ObjectSection.Zeroed(section, SectionKind.ZeroData, size, 4096));
        target.Symbols.Add(new ObjectSymbol(symbol, s, 0, size, SymbolBinding.Global, SymbolType.Object));
    }
}
