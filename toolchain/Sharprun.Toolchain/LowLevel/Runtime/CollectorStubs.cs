using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// The collector scans the stack conservatively, so values that live only in callee-saved registers
/// must be on the stack when it looks. <c>sharprun_collect_with_registers(request)</c> pushes rbx, rbp
/// and r12–r15, then calls <c>sharprun_collect(request, stackPointer)</c> with the address of the lowest
/// pushed register: everything from there to the top of the stack belongs to the interrupted program.
/// </summary>
internal static class CollectorStubs
{
    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        s.Global("sharprun_collect_with_registers");
        a.push(rbx);
        a.push(rbp);
        a.push(r12);
        a.push(r13);
        a.push(r14);
        a.push(r15);
        a.mov(rsi, rsp);
        // Entry left rsp ≡ 8 (mod 16); six pushes keep it there, so one more slot aligns the call.
        a.sub(rsp, 8);
        s.CallExternal("sharprun_collect");
        a.add(rsp, 8);
        a.pop(r15);
        a.pop(r14);
        a.pop(r13);
        a.pop(r12);
        a.pop(rbp);
        a.pop(rbx);
        a.ret();

        s.Build(target, ".text.collector", SectionKind.Code);
    }
}
