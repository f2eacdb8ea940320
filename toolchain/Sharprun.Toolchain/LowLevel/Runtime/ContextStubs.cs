using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// Saving and resuming a thread's whole CPU state. Every suspended thread — one that blocked, one an interrupt
/// preempted, one not yet started — is one <em>context frame</em> on its own stack, and the thread's saved
/// context is the address of that frame (16-byte aligned). From low to high addresses:
/// <code>
///   +0    FXSAVE area (x87, MXCSR, xmm0–15), 512 bytes
///   +512  r15 r14 r13 r12 r11 r10 r9 r8 rbp rdi rsi rdx rcx rbx rax   (15 × 8)
///   +632  padding (8)
///   +640  interrupt vector, or 0 (8)
///   +648  rip cs rflags rsp ss                                        (the iretq frame, 40)
///   +688  end
/// </code>
/// An interrupt entry stub builds the same frame on the interrupted stack, below the 128-byte red zone (its iretq
/// frame at an address ≡ 8 mod 16, as the CPU would push it, so the FXSAVE area lands 16-byte aligned) and resumes with <c>jmp sharprun_context_restore</c>
/// with rsp at the frame to resume. Because the saved registers sit below the thread's stack pointer, on its own
/// stack, the collector scanning [frame, stack top) conservatively sees every register the thread was using.
/// Both platforms link these stubs.
/// </summary>
internal static class ContextStubs
{
    public const string SwitchSymbol = "sharprun_context_switch";
    public const string RestoreSymbol = "sharprun_context_restore";
    public const int FxsaveSize = 512;
    public const int FrameSize = 688;

    /// <summary>General registers in push order (the frame lists them in the reverse).</summary>
    public static readonly Iced.Intel.AssemblerRegister64[] PushOrder =
        [rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15];

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        // void sharprun_context_switch(nint* save, nint resume): called with interrupts disabled. Builds an
        // iretq frame as an interrupt would (returning to the caller, with the caller's rflags), saves the rest,
        // stores the frame's address in *save and resumes the other frame.
        s.Global(SwitchSymbol);
        a.pop(r11);
        a.mov(rax, rsp);
        a.push(0x10);
        a.push(rax);
        a.pushfq();
        a.push(0x08);
        a.push(r11);
        a.push(0);
        a.push(0);
        foreach (var register in PushOrder)
            a.push(register);
        a.sub(rsp, FxsaveSize);
        a.fxsave(__[rsp]);
        a.mov(__qword_ptr[rdi], rsp);
        a.mov(rsp, rsi);

        // Resumes the frame at rsp.
        s.Global(RestoreSymbol);
        a.fxrstor(__[rsp]);
        a.add(rsp, FxsaveSize);
        for (int i = PushOrder.Length - 1; i >= 0; i--)
            a.pop(PushOrder[i]);
        a.add(rsp, 16);
        a.iretq();

        // void sharprun_set_fs_base(nint value): the thread pointer TLS access reads (fs:[0]).
        s.Global("sharprun_set_fs_base");
        a.mov(rax, rdi);
        a.mov(rdx, rdi);
        a.shr(rdx, 32);
        a.mov(ecx, 0xC0000100);
        a.wrmsr();
        a.ret();

        // bool sharprun_interrupts_disable(): clears IF, returns whether it was set.
        s.Global("sharprun_interrupts_disable");
        a.pushfq();
        a.pop(rax);
        a.cli();
        a.shr(eax, 9);
        a.and(eax, 1);
        a.ret();

        // void sharprun_interrupts_enable()
        s.Global("sharprun_interrupts_enable");
        a.sti();
        a.ret();

        // void sharprun_wait_for_interrupt(): sti takes effect after the next instruction, so no interrupt can
        // slip in between and leave hlt waiting for one that already came.
        s.Global("sharprun_wait_for_interrupt");
        a.sti();
        a.hlt();
        a.ret();

        s.Build(target, ".text.context", SectionKind.Code);
    }
}
