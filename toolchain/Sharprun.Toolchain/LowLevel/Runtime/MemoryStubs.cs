using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// The C memory primitives ILC-generated code calls. They cannot be C#: CoreLib's own copy and
/// fill routines end in calls to these.
/// </summary>
internal static class MemoryStubs
{
    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        // void* memset(void* dst, int value, size_t count)
        s.Global("memset");
        a.mov(r9, rdi);
        a.mov(eax, esi);
        a.mov(rcx, rdx);
        a.rep.stosb();
        a.mov(rax, r9);
        a.ret();

        // void* memmove(void* dst, const void* src, size_t count); memcpy shares it.
        s.Global("memmove");
        s.Global("memcpy");
        a.mov(rax, rdi);
        a.mov(rcx, rdx);
        var forward = a.CreateLabel();
        var backward = a.CreateLabel();
        a.cmp(rdi, rsi);
        a.jbe(forward);
        a.lea(r8, __[rsi + rdx]);
        a.cmp(rdi, r8);
        a.jb(backward);
        a.Label(ref forward);
        a.rep.movsb();
        a.ret();
        a.Label(ref backward);
        a.lea(rsi, __[rsi + rdx - 1]);
        a.lea(rdi, __[rdi + rdx - 1]);
        a.std();
        a.rep.movsb();
        a.cld();
        a.ret();

        s.Build(target, ".text.memory", SectionKind.Code);
    }
}
