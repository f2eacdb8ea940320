using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Baremetal;

/// <summary>
/// Single instructions the bare-metal platform needs and C# cannot emit: port I/O, the time-stamp
/// counter, CPUID, RDRAND, control registers and TLB invalidation, halting. Each is a SysV function the platform imports by name.
/// </summary>
internal static class CpuStubs
{
    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        // void sharprun_outb(ushort port, byte value)
        s.Global("sharprun_outb");
        a.mov(edx, edi);
        a.mov(eax, esi);
        a.@out(dx, al);
        a.ret();

        // byte sharprun_inb(ushort port)
        s.Global("sharprun_inb");
        a.mov(edx, edi);
        a.@in(al, dx);
        a.movzx(eax, al);
        a.ret();

        // void sharprun_outl(ushort port, uint value)
        s.Global("sharprun_outl");
        a.mov(edx, edi);
        a.mov(eax, esi);
        a.@out(dx, eax);
        a.ret();

        // uint sharprun_inl(ushort port)
        s.Global("sharprun_inl");
        a.mov(edx, edi);
        a.@in(eax, dx);
        a.ret();

        // void sharprun_outw(ushort port, ushort value)
        s.Global("sharprun_outw");
        a.mov(edx, edi);
        a.mov(eax, esi);
        a.@out(dx, ax);
        a.ret();

        // ushort sharprun_inw(ushort port)
        s.Global("sharprun_inw");
        a.mov(edx, edi);
        a.@in(ax, dx);
        a.movzx(eax, ax);
        a.ret();

        // ulong sharprun_rdtsc()
        s.Global("sharprun_rdtsc");
        a.rdtsc();
        a.shl(rdx, 32);
        a.or(rax, rdx);
        a.ret();

        // void sharprun_cpuid(uint leaf, uint subleaf, uint* eaxEbxEcxEdx)
        s.Global("sharprun_cpuid");
        a.push(rbx);
        a.mov(r8, rdx);
        a.mov(eax, edi);
        a.mov(ecx, esi);
        a.cpuid();
        a.mov(__dword_ptr[r8], eax);
        a.mov(__dword_ptr[r8 + 4], ebx);
        a.mov(__dword_ptr[r8 + 8], ecx);
        a.mov(__dword_ptr[r8 + 12], edx);
        a.pop(rbx);
        a.ret();

        // bool sharprun_rdrand(ulong* value): false when the CPU had no entropy ready.
        s.Global("sharprun_rdrand");
        a.rdrand(rax);
        a.setc(cl);
        a.mov(__qword_ptr[rdi], rax);
        a.movzx(eax, cl);
        a.ret();

        // ulong sharprun_read_cr0() / void sharprun_write_cr0(ulong)
        s.Global("sharprun_read_cr0");
        a.mov(rax, cr0);
        a.ret();
        s.Global("sharprun_write_cr0");
        a.mov(cr0, rdi);
        a.ret();

        // ulong sharprun_read_cr3() / void sharprun_write_cr3(ulong): writing flushes the TLB.
        s.Global("sharprun_read_cr3");
        a.mov(rax, cr3);
        a.ret();
        s.Global("sharprun_write_cr3");
        a.mov(cr3, rdi);
        a.ret();

        // void sharprun_invlpg(ulong address)
        s.Global("sharprun_invlpg");
        a.invlpg(__[rdi]);
        a.ret();

        // void sharprun_halt_forever()
        s.Global("sharprun_halt_forever");
        var halt = a.CreateLabel();
        a.Label(ref halt);
        a.cli();
        a.hlt();
        a.jmp(halt);

        s.Build(target, ".text.cpu", SectionKind.Code);
    }
}
