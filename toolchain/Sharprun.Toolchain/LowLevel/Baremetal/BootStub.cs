using Iced.Intel;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Baremetal;

/// <summary>
/// The first instructions of an image. PVH and multiboot2 loaders both enter in 32-bit protected
/// mode with paging off; this code builds identity-mapped page tables for the first 4 GiB, enters long mode, enables SSE, sets up the boot stack
/// and the main thread's TLS pointer, loads the TSS (whose interrupt stacks take page faults and double faults,
/// so a stack overflow can be reported) and the IDT, and calls <c>sharprun_platform_start(kind, info)</c>.
/// Device interrupts run on one more stack of their own, which their entry stubs switch to (no nesting: they keep
/// interrupts disabled).
/// The platform then replaces the 2 MiB mappings of the image with 4 KiB pages of the right protections
/// (hypercall-baremetal Cpu/PageTables). Every stack here has an unmapped guard page below it.
/// </summary>
internal static class BootStub
{
    public const string PvhEntry = "sharprun_pvh_entry";
    public const string Multiboot2Entry = "sharprun_multiboot2_entry";

    /// <summary>Boot protocol passed to the platform in rdi.</summary>
    public const int BootKindPvh = 1;
    public const int BootKindMultiboot2 = 2;

    private const int BootStackSize = 256 * 1024;
    private const int CodeSelector64 = 0x08;
    private const int DataSelector = 0x10;
    private const int TssSelector = 0x18;
    private const int TssSize = 104;
    private const int GuardPageSize = 4096;

    /// <summary>Interrupt stack table slots (1-based, as IDT gates name them) and their stacks' sizes.</summary>
    public const int DoubleFaultStackIndex = 1;
    public const int PageFaultStackIndex = 2;
    public const int InterruptEntryStackIndex = 3;
    private const int DoubleFaultStackSize = 16 * 1024;
    private const int PageFaultStackSize = 32 * 1024;
    private const int InterruptStackSize = 64 * 1024;
    /// <summary>Device interrupts arrive here only long enough to move the CPU's frame onto the interrupted stack.</summary>
    private const int InterruptEntryStackSize = 4096;

    /// <summary>Symbols the platform needs the addresses of (each gets a <c>sharprun_address_of_</c> function).</summary>
    private static readonly string[] AddressedSymbols =
    [
        "sharprun_boot_pdpt", "sharprun_boot_pd", "sharprun_boot_pt",
        "sharprun_boot_stack_guard", "sharprun_page_fault_stack_guard", "sharprun_double_fault_stack_guard",
        "sharprun_interrupt_stack_guard",
    ];

    public static void AddTo(ObjectFile target)
    {
        AddEntry32(target);
        AddLongModeEntry(target);
        AddData(target);
    }

    private static void AddEntry32(ObjectFile target)
    {
        var s = new StubAssembler(32);
        var a = s.Code;
        var common = a.CreateLabel();

        s.Global(PvhEntry);
        a.cli();
        a.mov(esi, BootKindPvh);
        a.jmp(common);

        s.Global(Multiboot2Entry);
        a.cli();
        a.mov(esi, BootKindMultiboot2);

        a.Label(ref common);
        // ebx holds the loader's information pointer in both protocols.
        s.EmitWithRelocation([0x89, 0x1D, 0, 0, 0, 0], 2, RelocationType.Absolute32, "sharprun_boot_info");  // mov [sym], ebx
        s.EmitWithRelocation([0x89, 0x35, 0, 0, 0, 0], 2, RelocationType.Absolute32, "sharprun_boot_kind");  // mov [sym], esi

        // PML4[0] → PDPT; PDPT[0..3] → four page directories of 2 MiB pages; PD0[0] → a page table
        // of 4 KiB pages for the first 2 MiB, whose entry 0 stays absent.
        MovSymbol(s, edi, "sharprun_boot_pml4");
        MovSymbol(s, eax, "sharprun_boot_pdpt");
        a.or(eax, 0x3);
        a.mov(__dword_ptr[edi], eax);

        MovSymbol(s, edi, "sharprun_boot_pdpt");
        MovSymbol(s, eax, "sharprun_boot_pd");
        a.or(eax, 0x3);
        a.mov(ecx, 4);
        var pdptLoop = a.CreateLabel();
        a.Label(ref pdptLoop);
        a.mov(__dword_ptr[edi], eax);
        a.add(eax, 4096);
        a.add(edi, 8);
        a.dec(ecx);
        a.jnz(pdptLoop);

        // 2048 PD entries, 2 MiB each, present + writable + large.
        MovSymbol(s, edi, "sharprun_boot_pd");
        a.mov(eax, 0x83);
        a.xor(edx, edx);
        a.mov(ecx, 2048);
        var pdLoop = a.CreateLabel();
        a.Label(ref pdLoop);
        a.mov(__dword_ptr[edi], eax);
        a.mov(__dword_ptr[edi + 4], edx);
        a.add(eax, 0x200000);
        a.adc(edx, 0);
        a.add(edi, 8);
        a.dec(ecx);
        a.jnz(pdLoop);

        // PD0[0] → page table for 0–2 MiB.
        MovSymbol(s, edi, "sharprun_boot_pd");
        MovSymbol(s, eax, "sharprun_boot_pt");
        a.or(eax, 0x3);
        a.mov(__dword_ptr[edi], eax);
        a.mov(__dword_ptr[edi + 4], 0);
        // Page 0 stays mapped until the platform has copied the loader's structures (QEMU puts
        // them there); the platform's page tables then leave it out.
        MovSymbol(s, edi, "sharprun_boot_pt");
        a.mov(eax, 0x0003);
        a.mov(ecx, 512);
        var ptLoop = a.CreateLabel();
        a.Label(ref ptLoop);
        a.mov(__dword_ptr[edi], eax);
        a.mov(__dword_ptr[edi + 4], 0);
        a.add(eax, 4096);
        a.add(edi, 8);
        a.dec(ecx);
        a.jnz(ptLoop);

        // CR4: PAE, OSFXSR, OSXMMEXCPT.
        a.mov(eax, cr4);
        a.or(eax, (1 << 5) | (1 << 9) | (1 << 10));
        a.mov(cr4, eax);
        MovSymbol(s, eax, "sharprun_boot_pml4");
        a.mov(cr3, eax);
        // EFER: long mode enable + no-execute enable.
        a.mov(ecx, 0xC0000080);
        a.rdmsr();
        a.or(eax, (1 << 8) | (1 << 11));
        a.wrmsr();
        // CR0: paging, protection, monitor coprocessor; clear emulation and task-switched.
        a.mov(eax, cr0);
        a.and(eax, ~((1 << 2) | (1 << 3)));
        a.or(eax, unchecked((int)0x80000003));
        a.mov(cr0, eax);

        s.EmitWithRelocation([0x0F, 0x01, 0x15, 0, 0, 0, 0], 3, RelocationType.Absolute32, "sharprun_boot_gdt_pointer"); // lgdt [sym]
        s.EmitWithRelocation([0xEA, 0, 0, 0, 0, CodeSelector64, 0], 1, RelocationType.Absolute32, "sharprun_long_mode_entry"); // jmp far

        s.Build(target, ".text.boot32", SectionKind.Code);
    }

    private static void AddLongModeEntry(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;
        s.Global("sharprun_long_mode_entry");
        a.mov(ax, DataSelector);
        a.mov(ds, ax);
        a.mov(es, ax);
        a.mov(ss, ax);
        a.xor(eax, eax);
        a.mov(fs, ax);
        a.mov(gs, ax);
        s.LeaExternal(rsp, "sharprun_boot_stack_top");
        a.xor(ebp, ebp);
        a.fninit();
        s.LeaExternal(rax, "sharprun_boot_mxcsr");
        a.ldmxcsr(__dword_ptr[rax]);

        // FS base → the main thread's control block, whose first word points at its TLS block
        // (what __tls_get_addr reads).
        s.LeaExternal(rax, "__sharprun_tls_start");
        s.LeaExternal(rdx, "sharprun_main_thread_tcb");
        a.mov(__qword_ptr[rdx], rax);
        a.mov(rax, rdx);
        a.shr(rdx, 32);
        a.mov(ecx, 0xC0000100);
        a.wrmsr();

        // The TSS descriptor's base is split over several fields: build it here, then load the task register.
        s.LeaExternal(rax, "sharprun_boot_tss");
        a.mov(rdx, rax);
        a.and(edx, 0xFFFFFF);
        a.shl(rdx, 16);
        a.or(rdx, TssSize - 1);
        a.mov(rcx, 0x89L << 40); // present, 64-bit available TSS
        a.or(rdx, rcx);
        a.mov(rcx, rax);
        a.shr(rcx, 24);
        a.and(ecx, 0xFF);
        a.shl(rcx, 56);
        a.or(rdx, rcx);
        s.LeaExternal(rcx, "sharprun_boot_gdt");
        a.mov(__qword_ptr[rcx + TssSelector], rdx);
        a.shr(rax, 32);
        a.mov(__qword_ptr[rcx + TssSelector + 8], rax);
        a.mov(eax, TssSelector);
        a.ltr(ax);

        s.CallExternal(InterruptStubs.InstallSymbol);

        s.LeaExternal(rax, "sharprun_boot_kind");
        a.mov(edi, __dword_ptr[rax]);
        s.LeaExternal(rax, "sharprun_boot_info");
        a.mov(esi, __dword_ptr[rax]);
        s.CallExternal("sharprun_platform_start");
        var halt = a.CreateLabel();
        a.Label(ref halt);
        a.cli();
        a.hlt();
        a.jmp(halt);
        s.Build(target, ".text.boot64", SectionKind.Code);

        var addresses = new StubAssembler();
        foreach (var symbol in AddressedSymbols)
        {
            addresses.Global("sharprun_address_of_" + symbol);
            addresses.LeaExternal(rax, symbol);
            addresses.Code.ret();
        }
        addresses.Build(target, ".text.boot64.addresses", SectionKind.Code);
    }

    private static void AddData(ObjectFile target)
    {
        var d = new StubAssembler();
        var a = d.Code;
        d.GlobalData("sharprun_boot_gdt");
        a.dq(0UL);
        a.dq(0x00AF9A000000FFFFUL); // 0x08: 64-bit code
        a.dq(0x00CF92000000FFFFUL); // 0x10: data
        a.dq(0UL);                  // 0x18: the TSS, 16 bytes, filled in long mode
        a.dq(0UL);
        d.GlobalData("sharprun_boot_gdt_pointer");
        a.dw(5 * 8 - 1);
        d.QwordAddress("sharprun_boot_gdt");
        d.GlobalData("sharprun_boot_kind");
        a.dd(0u);
        d.GlobalData("sharprun_boot_info");
        a.dd(0u);
        d.GlobalData("sharprun_boot_mxcsr");
        a.dd(0x1F80u);
        // The boot thread's control block, laid out as ThreadStacks makes them: TLS block, thread, and at 0x28 the
        // stack-protector canary the kernel sets before any C code runs.
        d.GlobalData("sharprun_main_thread_tcb");
        for (int i = 0; i < 6; i++)
            a.dq(0UL);
        // The 64-bit TSS: only the interrupt stack table is used (no privilege changes, no I/O bitmap).
        d.GlobalData("sharprun_boot_tss");
        a.dd(0u);
        for (int i = 0; i < 3; i++)
            a.dq(0UL);                                                  // rsp0..rsp2
        a.dq(0UL);
        d.QwordAddress("sharprun_double_fault_stack_top");              // IST1
        d.QwordAddress("sharprun_page_fault_stack_top");                // IST2
        d.QwordAddress(InterruptStubs.EntryStackTop);                   // IST3
        for (int i = 4; i <= 7; i++)
            a.dq(0UL);
        a.dq(0UL);
        a.dw(0);
        a.dw(TssSize);                                                  // no I/O permission bitmap
        d.Build(target, ".data.boot", SectionKind.Data, 16);

        AddZeroed(target, ".bss.boot.pml4", "sharprun_boot_pml4", 4096);
        AddZeroed(target, ".bss.boot.pdpt", "sharprun_boot_pdpt", 4096);
        AddZeroed(target, ".bss.boot.pd", "sharprun_boot_pd", 4 * 4096);
        AddZeroed(target, ".bss.boot.pt", "sharprun_boot_pt", 4096);
        AddGuardedStack(target, ".bss.boot.stack", "sharprun_boot_stack", BootStackSize);
        AddGuardedStack(target, ".bss.boot.double_fault_stack", "sharprun_double_fault_stack", DoubleFaultStackSize);
        AddGuardedStack(target, ".bss.boot.page_fault_stack", "sharprun_page_fault_stack", PageFaultStackSize);
        AddGuardedStack(target, ".bss.boot.interrupt_stack", "sharprun_interrupt_stack", InterruptStackSize);
        var entryStack = AddZeroed(target, ".bss.boot.interrupt_entry_stack", "sharprun_interrupt_entry_stack", InterruptEntryStackSize);
        target.Symbols.Add(new ObjectSymbol(InterruptStubs.EntryStackTop, entryStack, InterruptEntryStackSize, 0, SymbolBinding.Global, SymbolType.Object));
    }

    /// <summary>
    /// A stack with an unmapped guard page below it (the platform unmaps <c>name_guard</c>): symbols
    /// <c>name_guard</c>, <c>name_bottom</c> (lowest usable byte) and <c>name_top</c> (initial rsp).
    /// </summary>
    private static void AddGuardedStack(ObjectFile target, string section, string name, int size)
    {
        var s = target.AddSection(ObjectSection.Zeroed(section, SectionKind.ZeroData, GuardPageSize + size, 4096));
        target.Symbols.Add(new ObjectSymbol(name + "_guard", s, 0, GuardPageSize, SymbolBinding.Global, SymbolType.Object));
        target.Symbols.Add(new ObjectSymbol(name + "_bottom", s, GuardPageSize, size, SymbolBinding.Global, SymbolType.Object));
        target.Symbols.Add(new ObjectSymbol(name + "_top", s, GuardPageSize + size, 0, SymbolBinding.Global, SymbolType.Object));
    }

    private static ObjectSection AddZeroed(ObjectFile target, string section, string symbol, int size)
    {
        var s = target.AddSection(ObjectSection.Zeroed(section, SectionKind.ZeroData, size, 4096));
        target.Symbols.Add(new ObjectSymbol(symbol, s, 0, size, SymbolBinding.Global, SymbolType.Object));
        return s;
    }

    /// <summary><c>mov reg32, imm32</c> with the immediate being a symbol's address.</summary>
    private static void MovSymbol(StubAssembler s, AssemblerRegister32 register, string symbol) =>
        s.EmitWithRelocation([(byte)(0xB8 + register.Value.GetNumber()), 0, 0, 0, 0], 1, RelocationType.Absolute32, symbol);
}
