using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Xen;

/// <summary>
/// Event channel upcalls. Xen injects the callback vector while vcpu_info.evtchn_upcall_pending is set; the entry
/// clears that byte and returns, which is all it must do: its only job is to end a <c>hlt</c>. The platform then
/// scans the event bitmaps outside interrupt context. Interrupts are enabled only inside
/// <c>sharprun_xen_wait_for_interrupt</c> (<c>sti; hlt</c> — the sti shadow makes the pair atomic), so the entry
/// never interrupts managed code and needs no register state beyond rax.
/// </summary>
internal static class UpcallStubs
{
    private const string Entry = "sharprun_xen_upcall_entry";
    private const string PendingFlag = "sharprun_xen_upcall_pending_flag";

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        s.Global(Entry);
        a.push(rax);
        s.LeaExternal(rax, PendingFlag);
        a.mov(rax, __qword_ptr[rax]);
        a.mov(__byte_ptr[rax], 0);
        a.pop(rax);
        a.iretq();

        // void sharprun_xen_install_upcall(byte* upcallPending, int vector): remembers the flag, writes the IDT gate.
        s.Global("sharprun_xen_install_upcall");
        s.LeaExternal(rax, PendingFlag);
        a.mov(__qword_ptr[rax], rdi);
        a.movsxd(rsi, esi);
        a.shl(rsi, 4);
        s.LeaExternal(rdi, "sharprun_idt");
        a.add(rdi, rsi);
        s.LeaExternal(rax, Entry);
        // Low qword: offset[15:0] | selector 0x08 << 16 | interrupt gate (0x8E) << 40 | offset[31:16] << 48.
        a.mov(rdx, rax);
        a.and(edx, 0xFFFF);
        a.or(rdx, 0x08 << 16);
        a.mov(r8, 0x8E0000000000L);
        a.or(rdx, r8);
        a.mov(r8, rax);
        a.shr(r8, 16);
        a.and(r8d, 0xFFFF);
        a.shl(r8, 48);
        a.or(rdx, r8);
        a.mov(__qword_ptr[rdi], rdx);
        a.shr(rax, 32);
        a.mov(__qword_ptr[rdi + 8], rax);
        a.ret();

        // void sharprun_xen_wait_for_interrupt()
        s.Global("sharprun_xen_wait_for_interrupt");
        a.sti();
        a.hlt();
        a.cli();
        a.ret();

        s.Build(target, ".text.xen.upcall", SectionKind.Code);

        var d = new StubAssembler();
        d.GlobalData(PendingFlag);
        d.Code.dq(0UL);
        d.Build(target, ".data.xen.upcall", SectionKind.Data, 8);
    }
}
