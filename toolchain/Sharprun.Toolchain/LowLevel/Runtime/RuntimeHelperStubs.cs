using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// Runtime-contract helpers whose calling convention C# cannot express: write barriers (called with
/// a reduced kill set), interlocked operations on object references, GC-mode transitions, thread-local
/// storage access, and the data symbols generated code reads directly.
/// </summary>
internal static class RuntimeHelperStubs
{
    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        // The collector is non-moving and has no generations, so a write barrier is a plain store.
        s.Global("RhpAssignRef");
        s.Global("RhpCheckedAssignRef");
        a.mov(__qword_ptr[rdi], rsi);
        a.ret();

        // Copies one reference from [rsi] to [rdi] and advances both; may only trash rcx.
        s.Global("RhpByRefAssignRef");
        a.mov(rcx, __qword_ptr[rsi]);
        a.mov(__qword_ptr[rdi], rcx);
        a.add(rdi, 8);
        a.add(rsi, 8);
        a.ret();

        // object RhpCheckedLockCmpXchg(ref object location, object value, object comparand)
        s.Global("RhpCheckedLockCmpXchg");
        a.mov(rax, rdx);
        a.@lock.cmpxchg(__qword_ptr[rdi], rsi);
        a.ret();

        // object RhpCheckedXchg(ref object location, object value)
        s.Global("RhpCheckedXchg");
        a.mov(rax, rsi);
        a.xchg(__qword_ptr[rdi], rax);
        a.ret();

        // GC-mode transitions: with one CPU, no thread suspension and a collector that scans
        // stacks conservatively, entering and leaving preemptive mode has nothing to record.
        s.Global("RhpPInvoke");
        s.Global("RhpPInvokeReturn");
        s.Global("RhpReversePInvoke");
        s.Global("RhpReversePInvokeReturn");
        s.Global("RhpGcPoll");
        a.ret();

        // void* __tls_get_addr(tls_index* index): the thread's TLS block (first word of the thread
        // control block at FS base) plus the variable's offset.
        s.Global("__tls_get_addr");
        a.mov(rax, __qword_ptr.fs[0]);
        a.add(rax, __qword_ptr[rdi + 8]);
        a.ret();

        s.Build(target, ".text.runtime", SectionKind.Code);

        var d = new StubAssembler();
        // Non-zero makes generated code call RhpGcPoll at safe points; nobody needs to stop threads yet.
        d.GlobalData("RhpTrapThreads");
        d.Code.dd(0u);
        // Baseline x86-64 only: the optional-ISA paths are not taken (AVX state is not enabled).
        d.GlobalData("g_cpuFeatures");
        d.Code.dd(0u);
        d.GlobalData("__security_cookie");
        d.Code.dq(0x2B992DDFA232UL);
        d.Build(target, ".data.runtime", SectionKind.Data, 16);
    }
}
