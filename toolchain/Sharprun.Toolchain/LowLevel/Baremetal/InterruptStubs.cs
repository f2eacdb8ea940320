using Sharprun.Toolchain.LowLevel.Runtime;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Baremetal;

/// <summary>
/// The IDT and its entry stubs. The 32 CPU exception vectors build the kernel's InterruptFrame on the current
/// stack (cr2, r15…rax, vector, error code, then the CPU's iret frame) and call
/// <c>sharprun_kernel_fault(InterruptFrame*)</c> with the stack 16-byte aligned; double faults and page faults run
/// on interrupt stacks of their own (see <see cref="BootStub"/>). Device vectors (32–255) build a context frame
/// (<see cref="ContextStubs"/>) on the interrupted thread's own stack, below its red zone (they arrive on an
/// entry stack of their own, so the CPU's frame does not land in it), switch to the interrupt stack, and call
/// the dispatcher the platform installed them with (<c>nint dispatch(nint frame)</c>), which returns the frame to
/// resume — perhaps another thread's.
/// Also RDMSR and WRMSR, through which the local APIC and its timer are reached.
/// </summary>
internal static class InterruptStubs
{
    public const string InstallSymbol = "sharprun_idt_install";
    public const string InstallDevicesSymbol = "sharprun_idt_install_devices";
    private const string DispatcherSlot = "sharprun_interrupt_dispatcher";
    private const string EntryTable = "sharprun_idt_entry_table";
    public const string InterruptStackTop = "sharprun_interrupt_stack_top";
    private const string InterruptStackBottom = "sharprun_interrupt_stack_bottom";

    public const string EntryStackTop = "sharprun_interrupt_entry_stack_top";

    /// <summary>RFLAGS in the CPU's iretq frame, above the vector the stub pushed and the interrupted rip and cs.</summary>
    public const int NestedRflagsOffset = 24;
    public const int InterruptFlag = 0x200;

    /// <summary>The System V ABI lets a function use 128 bytes below rsp without moving rsp.</summary>
    public const int RedZoneSize = 128;

    /// <summary>On the entry stack, after the stub saved rdx and rax: the vector, then the CPU's frame.</summary>
    private const int EntryVectorOffset = 16;
    private const int EntryInterruptedRspOffset = EntryVectorOffset + 8 + 24;

    /// <summary>The vector and the CPU's rip, cs, rflags, rsp and ss.</summary>
    private const int MovedSlots = 6;
    private const string FaultHandler = "sharprun_kernel_fault";
    private const int ExceptionVectors = 32;
    public const int Vectors = 256;
    private const int DoubleFault = 8;
    private const int PageFault = 14;

    private static readonly int[] VectorsWithErrorCode = [8, 10, 11, 12, 13, 14, 17, 21, 29, 30];

    public static string VectorSymbol(int vector) => $"sharprun_idt_vector_{vector}";

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

        AddDeviceVectors(s);
        AddModelSpecificRegisterAccess(s);
        var fillGates = a.CreateLabel();

        // Install at boot: the exception gates, their interrupt stacks, then lidt. Device vectors stay absent
        // until a platform installs them (the Xen platform links these stubs too and routes its upcall itself).
        s.Global(InstallSymbol);
        s.LeaExternal(rsi, EntryTable);
        s.LeaExternal(rdi, "sharprun_idt");
        a.mov(ecx, ExceptionVectors);
        a.xor(r9d, r9d);
        a.call(fillGates);
        // Double faults and page faults switch to their own stacks (the TSS's interrupt stack table), so that a
        // page fault on a stack's guard page can still be reported.
        s.LeaExternal(rdi, "sharprun_idt");
        a.mov(__byte_ptr[rdi + DoubleFault * 16 + 4], BootStub.DoubleFaultStackIndex);
        a.mov(__byte_ptr[rdi + PageFault * 16 + 4], BootStub.PageFaultStackIndex);
        s.LeaExternal(rax, "sharprun_idt_pointer");
        a.lidt(__[rax]);
        a.ret();

        // void sharprun_idt_install_devices(nint (*dispatcher)(nint frame)): the bare-metal platform hands over its
        // dispatcher (so these shared stubs name no platform symbol) and the device gates go live.
        s.Global(InstallDevicesSymbol);
        s.LeaExternal(rax, DispatcherSlot);
        a.mov(__qword_ptr[rax], rdi);
        s.LeaExternal(rsi, EntryTable);
        a.add(rsi, ExceptionVectors * 8);
        s.LeaExternal(rdi, "sharprun_idt");
        a.add(rdi, ExceptionVectors * 16);
        a.mov(ecx, Vectors - ExceptionVectors);
        a.mov(r9, (long)BootStub.InterruptEntryStackIndex << 32);
        a.call(fillGates);
        a.ret();

        // Fills ecx interrupt gates from rdi on with the addresses at rsi, their interrupt stack slot in r9.
        a.Label(ref fillGates);
        a.mov(rax, __qword_ptr[rsi]);
        // Low qword: offset[15:0] | selector << 16 | IST << 32 | type(0x8E) << 40 | offset[31:16] << 48.
        a.mov(rdx, rax);
        a.and(edx, 0xFFFF);
        a.or(rdx, 0x08 << 16);
        a.or(rdx, r9);
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
        a.jnz(fillGates);
        a.ret();

        // The entry table: absolute addresses of the vector stubs.
        s.GlobalData(EntryTable);
        for (int vector = 0; vector < Vectors; vector++)
            s.QwordAddress(VectorSymbol(vector));
        s.GlobalData("sharprun_idt_pointer");
        a.dw(256 * 16 - 1);
        s.QwordAddress("sharprun_idt");

        s.Build(target, ".text.interrupts", SectionKind.Code);

        var data = new StubAssembler();
        data.GlobalData(DispatcherSlot);
        data.Code.dq(0UL);
        data.Build(target, ".data.interrupts", SectionKind.Data, 8);

        var idt = target.AddSection(ObjectSection.Zeroed(".bss.idt", SectionKind.ZeroData, 256 * 16, 4096));
        target.Symbols.Add(new ObjectSymbol("sharprun_idt", idt, 0, 256 * 16, SymbolBinding.Global, SymbolType.Object));
    }

    /// <summary>
    /// One stub per device vector: push the vector, then the common part moves the CPU's frame from the entry
    /// stack to the interrupted stack below its red zone, builds the rest of the context frame there, calls the
    /// dispatcher on the interrupt stack and resumes the frame it returns.
    /// </summary>
    private static void AddDeviceVectors(StubAssembler s)
    {
        var a = s.Code;
        var common = a.CreateLabel();
        for (int vector = ExceptionVectors; vector < Vectors; vector++)
        {
            s.Global(VectorSymbol(vector));
            a.push(vector);
            a.jmp(common);
        }

        // Device gates switch to the entry stack (IST) because the CPU would otherwise push its frame right at the
        // interrupted rsp, over the 128-byte red zone that leaf functions of the runtime pack's native libraries
        // (Brotli, zlib-ng) keep their locals in. Here: rdx, rax, the vector, then the CPU's rip cs rflags rsp ss.
        a.Label(ref common);
        var onThreadStack = a.CreateLabel();
        var nested = a.CreateLabel();
        a.push(rax);
        a.push(rdx);
        a.mov(rax, __qword_ptr[rsp + EntryInterruptedRspOffset]);
        s.LeaExternal(rdx, InterruptStackBottom);
        a.cmp(rax, rdx);
        a.jb(onThreadStack);
        s.LeaExternal(rdx, InterruptStackTop);
        a.cmp(rax, rdx);
        a.jb(nested);

        // The vector and the CPU's frame go below the red zone, 16-byte aligned as the CPU aligns its own pushes,
        // so the FXSAVE area of the context frame lands 16-byte aligned.
        a.Label(ref onThreadStack);
        a.sub(rax, RedZoneSize);
        a.and(rax, -16);
        for (int slot = 0; slot < MovedSlots; slot++)
        {
            a.mov(rdx, __qword_ptr[rsp + EntryVectorOffset + slot * 8]);
            a.mov(__qword_ptr[rax - (MovedSlots - slot) * 8], rdx);
        }
        a.sub(rax, MovedSlots * 8);
        a.pop(rdx);
        // rax gets its own value back, and rsp the moved frame's address.
        a.xchg(__qword_ptr[rsp], rax);
        a.pop(rsp);
        a.push(0);
        foreach (var register in ContextStubs.PushOrder)
            a.push(register);
        a.sub(rsp, ContextStubs.FxsaveSize);
        a.fxsave(__[rsp]);
        a.mov(rdi, rsp);
        s.LeaExternal(rsp, InterruptStackTop);
        a.cld();
        s.LeaExternal(rax, DispatcherSlot);
        a.call(__qword_ptr[rax]);
        a.mov(rsp, rax);
        s.JumpExternal(ContextStubs.RestoreSymbol);

        // An interrupt taken on the interrupt stack. Dispatchers run with interrupts disabled, so the CPU should
        // never deliver one there; yet a Xen guest (under QEMU's emulated SVM) once panicked after taking the
        // upcall inside a dispatcher on the interrupt stack. Dispatching it would restart at the stack's top, over
        // the running dispatcher's frames. Instead the interrupted dispatcher resumes with interrupts disabled
        // again; Xen's upcall stays pending (it needs no EOI) and that dispatcher's own loop, or the next upcall,
        // takes it.
        a.Label(ref nested);
        a.pop(rdx);
        a.pop(rax);
        a.and(__qword_ptr[rsp + NestedRflagsOffset], ~InterruptFlag);
        a.add(rsp, 8);
        a.iretq();
    }

    private static void AddModelSpecificRegisterAccess(StubAssembler s)
    {
        var a = s.Code;

        // ulong sharprun_rdmsr(uint register)
        s.Global("sharprun_rdmsr");
        a.mov(ecx, edi);
        a.rdmsr();
        a.shl(rdx, 32);
        a.or(rax, rdx);
        a.ret();

        // void sharprun_wrmsr(uint register, ulong value): WRMSR of the TSC deadline does not serialize, and the
        // SDM asks for MFENCE so that an earlier write to the APIC's timer register is ordered before it.
        s.Global("sharprun_wrmsr");
        a.mfence();
        a.mov(ecx, edi);
        a.mov(rax, rsi);
        a.mov(rdx, rsi);
        a.shr(rdx, 32);
        a.wrmsr();
        a.ret();
    }
}
