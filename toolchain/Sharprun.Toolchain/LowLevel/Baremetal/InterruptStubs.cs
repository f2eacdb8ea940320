using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Baremetal;

/// <summary>
/// The IDT and entry stubs for the 32 CPU exception vectors. Each stub builds the kernel's
/// InterruptFrame on the current stack (cr2, r15…rax, vector, error code, then the CPU's iret frame)
/// and calls <c>sharprun_kernel_fault(InterruptFrame*)</c> with the stack 16-byte aligned. Double faults and
/// page faults run on interrupt stacks of their own (see <see cref="BootStub"/>).
/// </summary>
internal static class InterruptStubs
{
    public const string InstallSymbol = "sharprun_idt_install";
    private const string FaultHandler = "sharprun_kernel_fault";
    private const int ExceptionVectors = 32;
    private const int DoubleFault = 8;
    private const int PageFault = 14;

    private static readonly int[] VectorsWithErrorCode = [8, 10, 11, 12, 13, 14, 17, 21, 29, 30];

    private static string VectorSymbol(int vector) => $"sharprun_idt_vector_{vector}";

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;
        var common = a.CreateLabel();

        for (int vector = 0; vector < ExceptionVectors; vector++)
        {
            s.Global(VectorSymbol(vector));
            if (System.Array.IndexOf(VectorsWithErrorCode, vector) < 0)
                a.push(0);
            a.push(vector);
            a.jmp(common);
        }

        a.Label(ref common);
        foreach (var register in new[] { rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15 })
            a.push(register);
        a.mov(rax, cr2);
        a.push(rax);
        a.mov(rdi, rsp);
        a.mov(rbx, rsp);
        a.and(rsp, -16);
        a.cld();
        s.CallExternal(FaultHandler);
        a.mov(rsp, rbx);
        a.add(rsp, 8);
        foreach (var register in new[] { r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax })
            a.pop(register);
        a.add(rsp, 16);
        a.iretq();

        // Install: fill gates 0..31 from the entry table, then lidt.
        s.Global(InstallSymbol);
        s.LeaExternal(rsi, "sharprun_idt_entry_table");
        s.LeaExternal(rdi, "sharprun_idt");
        a.mov(ecx, ExceptionVectors);
        var loop = a.CreateLabel();
        a.Label(ref loop);
        a.mov(rax, __qword_ptr[rsi]);
        // Low qword: offset[15:0] | selector << 16 | type(0x8E) << 40 | offset[31:16] << 48.
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
        a.add(rsi, 8);
        a.add(rdi, 16);
        a.dec(ecx);
        a.jnz(loop);
        // Double faults and page faults switch to their own stacks (the TSS's interrupt stack table), so that a
        // page fault on a stack's guard page can still be reported.
        s.LeaExternal(rdi, "sharprun_idt");
        a.mov(__byte_ptr[rdi + DoubleFault * 16 + 4], BootStub.DoubleFaultStackIndex);
        a.mov(__byte_ptr[rdi + PageFault * 16 + 4], BootStub.PageFaultStackIndex);
        s.LeaExternal(rax, "sharprun_idt_pointer");
        a.lidt(__[rax]);
        a.ret();

        // The entry table: absolute addresses of the vector stubs.
        s.GlobalData("sharprun_idt_entry_table");
        for (int vector = 0; vector < ExceptionVectors; vector++)
            s.QwordAddress(VectorSymbol(vector));
        s.GlobalData("sharprun_idt_pointer");
        a.dw(256 * 16 - 1);
        s.QwordAddress("sharprun_idt");

        s.Build(target, ".text.interrupts", SectionKind.Code);

        var idt = target.AddSection(ObjectSection.Zeroed(".bss.idt", SectionKind.ZeroData, 256 * 16, 4096));
        target.Symbols.Add(new ObjectSymbol("sharprun_idt", idt, 0, 256 * 16, SymbolBinding.Global, SymbolType.Object));
    }
}
