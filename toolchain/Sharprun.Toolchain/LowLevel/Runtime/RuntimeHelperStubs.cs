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
    /// <summary>CPUID.1:ECX bits of x86-64-v2 beyond SSE2: SSE3 (0), SSSE3 (9), CMPXCHG16B (13), SSE4.1 (19), SSE4.2 (20), POPCNT (23).</summary>
    private const int X86V2Ecx = 1 << 0 | 1 << 9 | 1 << 13 | 1 << 19 | 1 << 20 | 1 << 23;

    /// <summary>CPUID.1:ECX bits PCLMULQDQ (1) and AES (25).</summary>
    private const int AesEcx = 1 << 1 | 1 << 25;

    /// <summary>g_cpuFeatures bits as ILC 10 tests them (HardwareIntrinsicHelpers): x86-64-v2, and AES with PCLMULQDQ.</summary>
    private const int X86V2Feature = 0x1;
    private const int AesFeature = 0x200;

    private static void SaturatingConversion(StubAssembler s, string name, bool is64)
    {
        var a = s.Code;
        var done = a.CreateLabel();
        var notNan = a.CreateLabel();
        s.Global(name);
        if (is64)
        {
            a.cvttsd2si(rax, xmm0);
            a.mov(rcx, long.MinValue);
            a.cmp(rax, rcx);
        }
        else
        {
            a.cvttsd2si(eax, xmm0);
            a.cmp(eax, int.MinValue);
        }
        a.jne(done);
        // The "integer indefinite" result: NaN, too large, too small, or exactly the minimum.
        a.ucomisd(xmm0, xmm0);
        a.jnp(notNan);
        a.xor(eax, eax);
        a.ret();
        a.Label(ref notNan);
        a.xorpd(xmm1, xmm1);
        a.ucomisd(xmm0, xmm1);
        a.jb(done);
        if (is64)
            a.mov(rax, long.MaxValue);
        else
            a.mov(eax, int.MaxValue);
        a.Label(ref done);
        a.ret();
    }

    /// <summary>
    /// The table of the instructions above that dereference a pointer the caller passed: the JIT leaves the null
    /// check of a field store to the write barrier, so a fault at one of these is the caller's NullReferenceException
    /// (the kernel's fault handler moves it to the return address, as NativeAOT does). Zero-terminated addresses.
    /// </summary>
    public const string FaultSitesSymbol = "sharprun_write_barrier_fault_sites";

    /// <summary>The labels of those instructions, named as NativeAOT names them.</summary>
    private static readonly string[] FaultSites =
    [
        "RhpAssignRefAVLocation", "RhpCheckedAssignRefAVLocation",
        "RhpByRefAssignRefAVLocation1", "RhpByRefAssignRefAVLocation2",
        "RhpCheckedLockCmpXchgAVLocation", "RhpCheckedXchgAVLocation",
    ];

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        var a = s.Code;

        // The collector is non-moving and has no generations, so a write barrier is a plain store.
        s.Global("RhpAssignRef");
        s.Global("RhpCheckedAssignRef");
        s.Global("RhpAssignRefAVLocation");
        s.Global("RhpCheckedAssignRefAVLocation");
        a.mov(__qword_ptr[rdi], rsi);
        a.ret();

        // Copies one reference from [rsi] to [rdi] and advances both; may only trash rcx.
        s.Global("RhpByRefAssignRef");
        s.Global("RhpByRefAssignRefAVLocation1");
        a.mov(rcx, __qword_ptr[rsi]);
        s.Global("RhpByRefAssignRefAVLocation2");
        a.mov(__qword_ptr[rdi], rcx);
        a.add(rdi, 8);
        a.add(rsi, 8);
        a.ret();

        // object RhpCheckedLockCmpXchg(ref object location, object value, object comparand)
        s.Global("RhpCheckedLockCmpXchg");
        a.mov(rax, rdx);
        s.Global("RhpCheckedLockCmpXchgAVLocation");
        a.@lock.cmpxchg(__qword_ptr[rdi], rsi);
        a.ret();

        // int RhpLockCmpXchg32(ref int location, int value, int comparand), and its 64-bit twin:
        // CoreLib's non-intrinsic Interlocked.CompareExchange.
        s.Global("RhpLockCmpXchg32");
        a.mov(eax, edx);
        a.@lock.cmpxchg(__dword_ptr[rdi], esi);
        a.ret();
        s.Global("RhpLockCmpXchg64");
        a.mov(rax, rdx);
        a.@lock.cmpxchg(__qword_ptr[rdi], rsi);
        a.ret();

        // void RhCpuIdEx(int* cpuInfo, int functionId, int subFunctionId): X86Base.CpuId.
        s.Global("RhCpuIdEx");
        a.push(rbx);
        a.mov(eax, esi);
        a.mov(ecx, edx);
        a.cpuid();
        a.mov(__dword_ptr[rdi], eax);
        a.mov(__dword_ptr[rdi + 4], ebx);
        a.mov(__dword_ptr[rdi + 8], ecx);
        a.mov(__dword_ptr[rdi + 12], edx);
        a.pop(rbx);
        a.ret();

        // object RhpCheckedXchg(ref object location, object value)
        s.Global("RhpCheckedXchg");
        a.mov(rax, rsi);
        s.Global("RhpCheckedXchgAVLocation");
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

        // Touches every page between rsp and r11 (the lowest address of the frame being allocated),
        // moving rsp down as it goes, so a large frame cannot skip over a stack guard page.
        s.Global("RhpStackProbe");
        a.push(rbp);
        a.mov(rbp, rsp);
        a.and(rsp, -4096);
        var probe = a.CreateLabel();
        a.Label(ref probe);
        a.sub(rsp, 4096);
        a.test(__dword_ptr[rsp], eax);
        a.cmp(rsp, r11);
        a.jg(probe);
        a.mov(rsp, rbp);
        a.pop(rbp);
        a.ret();

        // double → int / long with .NET 9's saturating semantics: NaN → 0, out of range → the nearest
        // bound. Assembly because C# casts compile back into calls to these very helpers.
        SaturatingConversion(s, "RhpDbl2Int", is64: false);
        SaturatingConversion(s, "RhpDbl2Lng", is64: true);

        // void sharprun_detect_cpu_features(): sets g_cpuFeatures from CPUID leaf 1 for the instruction-set groups
        // that need only SSE state (the kernel enables no XSAVE state, so the AVX groups stay off): bit 0, x86-64-v2
        // (SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, CMPXCHG16B), and bit 9, AES with PCLMULQDQ, as ILC 10 tests them.
        s.Global("sharprun_detect_cpu_features");
        a.push(rbx);
        a.mov(eax, 1);
        a.xor(ecx, ecx);
        a.cpuid();
        a.xor(r8d, r8d);
        foreach (var (required, feature) in new[] { (X86V2Ecx, X86V2Feature), (AesEcx, AesFeature) })
        {
            var absent = a.CreateLabel();
            a.mov(r9d, ecx);
            a.and(r9d, required);
            a.cmp(r9d, required);
            a.jne(absent);
            a.or(r8d, feature);
            a.Label(ref absent);
        }
        s.LeaExternal(rdx, "g_cpuFeatures");
        a.mov(__dword_ptr[rdx], r8d);
        a.pop(rbx);
        a.ret();

        s.Build(target, ".text.runtime", SectionKind.Code);

        var d = new StubAssembler();
        // Non-zero makes generated code call RhpGcPoll at safe points; nobody needs to stop threads yet.
        d.GlobalData("RhpTrapThreads");
        d.Code.dd(0u);
        // Set at boot by sharprun_detect_cpu_features; until then only baseline x86-64 paths are taken.
        d.GlobalData("g_cpuFeatures");
        d.Code.dd(0u);
        d.GlobalData("__security_cookie");
        d.Code.dq(0x2B992DDFA232UL);
        d.Build(target, ".data.runtime", SectionKind.Data, 16);

        var sites = new StubAssembler();
        sites.GlobalData(FaultSitesSymbol);
        foreach (var site in FaultSites)
            sites.QwordAddress(site);
        sites.Code.dq(0UL);
        sites.Build(target, ".rodata.runtime", SectionKind.ReadOnlyData, 8);
    }
}
