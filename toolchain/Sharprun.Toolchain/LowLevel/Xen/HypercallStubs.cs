using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Xen;

/// <summary>
/// The hypercall page (Xen writes one 32-byte call sequence per hypercall into it when the guest names its address
/// in the MSR from CPUID) and <c>long sharprun_xen_hypercall(number, a1..a5)</c>, which moves the SysV arguments
/// into Xen's registers (rdi, rsi, rdx, r10, r8) and calls the page's entry for the number. Also <c>wrmsr</c>
/// (for the MSR that installs the page).
/// </summary>
internal static class HypercallStubs
{
    public const string HypercallPage = "sharprun_xen_hypercall_page";

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        s.Global("sharprun_xen_hypercall");
        a.mov(rax, rdi);
        a.shl(rax, 5);
        s.LeaExternal(r11, HypercallPage);
        a.add(rax, r11);
        a.mov(rdi, rsi);
        a.mov(rsi, rdx);
        a.mov(rdx, rcx);
        a.mov(r10, r8);
        a.mov(r8, r9);
        a.call(rax);
        a.ret();

        s.Build(target, ".text.xen.hypercall", SectionKind.Code);

        // In the code segment, so it is executable; Xen writes it through the guest's physical memory. Filled with
        // int3 so that a hypercall made before the page is installed traps instead of running zeros.
        var page = new StubAssembler();
        page.Global(HypercallPage);
        for (int i = 0; i < 4096; i++)
            page.Code.int3();
        page.Build(target, ".text.xen.hypercall_page", SectionKind.Code, 4096);
    }
}
