using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// C# cannot take the address of a linker-defined symbol; for each symbol the kernel needs there is a
/// function <c>sharprun_address_of_&lt;name&gt;</c> returning it (<c>lea rax, [rip+name]; ret</c>).
/// </summary>
internal static class LinkerSymbolStubs
{
    /// <summary>Prefix of the generated functions; the kernel imports <c>Prefix + symbol</c>.</summary>
    public const string Prefix = "sharprun_address_of_";

    private static readonly string[] Symbols =
    [
        "__sharprun_image_start", "__sharprun_image_end",
        "__sharprun_text_start", "__sharprun_text_end",
        "__sharprun_rodata_start", "__sharprun_rodata_end",
        "__sharprun_data_start", "__sharprun_data_end", "__sharprun_bss_start",
        "__sharprun_tls_start", "__sharprun_tdata_end", "__sharprun_tls_end",
        "__sharprun_eh_frame_hdr", "__sharprun_eh_frame_start", "__sharprun_eh_frame_end",
        "__sharprun_symbols", "__sharprun_symbols_end", "__sharprun_symbol_names",
        "__start___modules", "__stop___modules",
        "__start___managedcode", "__stop___managedcode",
        "__start___unbox", "__stop___unbox",
        "sharprun_classlib_functions", "sharprun_boot_stack_bottom", "sharprun_boot_stack_top",
        "sharprun_main_thread_tcb", Pipeline.BakedEnvironment.Symbol, Pipeline.ProgramPath.Symbol,
        "InitializeModules", "__managed__Main", "RhpInitialDynamicInterfaceDispatch",
        RuntimeHelperStubs.FaultSitesSymbol,
    ];

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        foreach (var symbol in Symbols)
        {
            s.Global(Prefix + symbol);
            s.LeaExternal(rax, symbol);
            s.Code.ret();
        }
        s.Build(target, ".text.addresses", SectionKind.Code);
    }
}
