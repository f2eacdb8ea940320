using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// The stub every interface dispatch cell starts with. Generated code calls it with the receiver
/// in rdi and the cell's address in r11; it resolves the target through CoreLib's
/// RhpResolveInterfaceMethod (which consults the kernel's dispatch cache) and tail-jumps to it with
/// the caller's argument registers intact.
/// </summary>
internal static class InterfaceDispatchStubs
{
    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        s.Global("RhpInitialDynamicInterfaceDispatch");
        // A null receiver faults here, and the fault handler treats this address like managed code.
        s.Global("RhpInitialDynamicInterfaceDispatch_NullCheck");
        a.cmp(__byte_ptr[rdi], 0);
        a.push(rbp);
        a.mov(rbp, rsp);
        foreach (var register in new[] { rdi, rsi, rdx, rcx, r8, r9, r11 })
            a.push(register);
        // 7 pushes after rbp leave rsp 8 bytes off alignment: 8 spare + 8 xmm registers.
        a.sub(rsp, 8 + 8 * 16);
        for (int i = 0; i < 8; i++)
            a.movdqu(__xmmword_ptr[rsp + 8 + 16 * i], Xmm(i));
        a.mov(rsi, r11);
        s.CallExternal("RhpResolveInterfaceMethod");
        for (int i = 0; i < 8; i++)
            a.movdqu(Xmm(i), __xmmword_ptr[rsp + 8 + 16 * i]);
        a.add(rsp, 8 + 8 * 16);
        foreach (var register in new[] { r11, r9, r8, rcx, rdx, rsi, rdi })
            a.pop(register);
        a.pop(rbp);
        a.jmp(rax);

        s.Build(target, ".text.dispatch", SectionKind.Code);
    }

    private static Iced.Intel.AssemblerRegisterXMM Xmm(int index) => index switch
    {
        0 => xmm0, 1 => xmm1, 2 => xmm2, 3 => xmm3, 4 => xmm4, 5 => xmm5, 6 => xmm6, _ => xmm7,
    };
}
