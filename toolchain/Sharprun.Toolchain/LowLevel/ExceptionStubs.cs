using Iced.Intel;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.LowLevel;

/// <summary>
/// The machine-code half of exception dispatch, for CoreLib's EH (ExceptionHandling.cs) and the kernel's
/// Runtime/Exceptions: the throw entry points, which capture the throw site's registers and start
/// CoreLib's dispatcher; the funclet-call stubs, which run catch/finally/filter funclets with the
/// registers of the frame they belong to; and RhpGetCurrentThreadStackTrace.
/// Frame shapes and offsets must agree with the kernel (RegDisplay, ExceptionInfo, PalLimitedContext,
/// DispatchStubs) and with what ILC-compiled funclets expect (10.0: rdi = the exception; the frame's rbp and other callee-saved registers already loaded).
/// </summary>
public static class ExceptionStubs
{
    // CoreLib 10.0 layouts (kernel Runtime/Exceptions/Layouts).
    private const int ExInfoSize = 400;
    private const int ExInfoContext = 8;
    private const int ExInfoException = 16;
    private const int ExInfoKind = 24;
    private const int ExInfoPassNumber = 25;
    private const int ExInfoCurrentClause = 28;
    private const int RegDisplayRbx = 0x18;
    private const int RegDisplayRbp = 0x20;
    private const int RegDisplayR12 = 0x58;
    private const int RegDisplayR13 = 0x60;
    private const int RegDisplayR14 = 0x68;
    private const int RegDisplayR15 = 0x70;
    private const int RegDisplaySp = 0x78;

    // CoreLib's EH.ExKind.
    private const int KindNone = 0;
    private const int KindThrow = 1;
    private const int KindHardwareFault = 2;

    // Kernel helpers (Runtime/Exceptions/Exports).
    private const string PushExInfo = "sharprun_exinfo_push";
    private const string PopExInfosBelow = "sharprun_exinfo_pop_below";
    private const string SetStackTraceSeed = "sharprun_stack_trace_seed";

    /// <summary>Labels whose addresses the kernel's stack walker compares return addresses with.</summary>
    private static readonly string[] AddressedSymbols =
    [
        "RhpThrowHwEx", "RhpThrowEx2", "RhpRethrow2", "RhpThrowHwEx2",
        "RhpCallCatchFunclet2", "RhpCallFinallyFunclet2", "RhpCallFilterFunclet2",
        "__sharprun_dotnet_eh_table_start", "__sharprun_dotnet_eh_table_end",
    ];

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        AddThrowStubs(s);
        AddFuncletCallStubs(s);
        AddStackTraceStub(s);
        foreach (var symbol in AddressedSymbols)
        {
            s.Global("sharprun_address_of_" + symbol);
            s.LeaExternal(rax, symbol);
            s.Code.ret();
        }
        s.Build(target, ".text.exceptions", SectionKind.Code);
    }

    /// <summary>
    /// RhpThrowEx(object), RhpRethrow() and RhpThrowHwEx (entered from the fault handler with rdi = fault
    /// code, rsi = faulting IP). Each builds, from high to low addresses, a PAL_LIMITED_CONTEXT of the
    /// throw site and an ExInfo directly below it, links the ExInfo and calls CoreLib, which never returns.
    /// The return address of that call (the *2 label) is how stack walks recognize these frames, and the
    /// context always sits exactly <see cref="ExInfoSize"/> bytes above the stub's SP.
    /// </summary>
    private static void AddThrowStubs(StubAssembler s)
    {
        var a = s.Code;

        // RhpThrowEx: rdi = exception object; the throw site is our caller.
        s.Global("RhpThrowEx");
        CaptureCallSite(a);
        EnterDispatch(s, KindThrow, exceptionInRdi: true);
        a.mov(rdi, rbx);
        CallDispatcher(s, "RhThrowEx", "RhpThrowEx2");

        // RhpRethrow: CoreLib's RhRethrow takes the active ExInfo (the previous innermost) and the new one.
        s.Global("RhpRethrow");
        CaptureCallSite(a);
        EnterDispatch(s, KindNone, exceptionInRdi: false);
        a.mov(rdi, rax);
        CallDispatcher(s, "RhRethrow", "RhpRethrow2");

        // RhpThrowHwEx: resumed by iretq at the faulting SP with the faulting registers.
        s.Global("RhpThrowHwEx");
        a.mov(rax, rsp);
        a.and(rsp, -16);
        a.xor(edx, edx);
        PushContext(a, ip: rsi, sp: rax, zero: rdx);
        EnterDispatch(s, KindHardwareFault, exceptionInRdi: true);
        a.mov(edi, ebx);
        CallDispatcher(s, "RhThrowHwEx", "RhpThrowHwEx2");
    }

    /// <summary>Pushes the context of a call site: our caller's IP and SP (the return address popped), aligned to 16 bytes.</summary>
    private static void CaptureCallSite(Assembler a)
    {
        a.lea(rax, __[rsp + 8]);
        a.mov(rsi, __qword_ptr[rsp]);
        a.xor(edx, edx);
        a.push(rdx); // keeps the stack 16-byte aligned
        PushContext(a, ip: rsi, sp: rax, zero: rdx);
    }

    /// <summary>
    /// Calls CoreLib's <paramref name="dispatcher"/> with the ExInfo (rsi = SP) and labels its return address
    /// <paramref name="returnLabel"/>; the dispatcher never returns.
    /// </summary>
    private static void CallDispatcher(StubAssembler s, string dispatcher, string returnLabel)
    {
        s.Code.mov(rsi, rsp);
        s.CallExternal(dispatcher);
        s.Global(returnLabel);
        s.Code.int3();
    }

    /// <summary>Pushes a PAL_LIMITED_CONTEXT from the throw site's <paramref name="ip"/> and <paramref name="sp"/>, with <paramref name="zero"/> (holding 0) in the scratch fields.</summary>
    private static void PushContext(Assembler a, AssemblerRegister64 ip, AssemblerRegister64 sp, AssemblerRegister64 zero)
    {
        a.push(r15);
        a.push(r14);
        a.push(r13);
        a.push(r12);
        a.push(zero); // Rdx
        a.push(rbx);
        a.push(zero); // Rax
        a.push(rbp);
        a.push(sp);
        a.push(ip);
    }

    /// <summary>
    /// Reserves and initializes the ExInfo below the context, then links it. Leaves rdi's value (the
    /// exception or fault code) in rbx, whose own value is already saved in the context, and the
    /// previous innermost ExInfo in rax.
    /// </summary>
    private static void EnterDispatch(StubAssembler s, int kind, bool exceptionInRdi)
    {
        var a = s.Code;
        a.sub(rsp, ExInfoSize);
        if (exceptionInRdi)
            a.mov(rbx, rdi);
        a.mov(__qword_ptr[rsp + ExInfoException], 0);
        a.mov(__byte_ptr[rsp + ExInfoPassNumber], 1);
        a.mov(__dword_ptr[rsp + ExInfoCurrentClause], -1);
        a.mov(__byte_ptr[rsp + ExInfoKind], kind);
        a.lea(rax, __[rsp + ExInfoSize]);
        a.mov(__qword_ptr[rsp + ExInfoContext], rax);
        a.mov(rdi, rsp);
        s.CallExternal(PushExInfo);
    }

    /// <summary>
    /// RhpCallCatchFunclet(object, handler, REGDISPLAY*, ExInfo*), RhpCallFinallyFunclet(handler, REGDISPLAY*)
    /// and RhpCallFilterFunclet(object, filter, REGDISPLAY*). Each saves the callee-saved registers, loads the
    /// frame's values from the REGDISPLAY (all of them, or only rbp for a filter) and calls the funclet with
    /// rdi = the exception (ILC 10 funclets take nothing else: they reach the frame through rbp).
    /// Frame: locals (7, 3, 1 slots), then rbp, rbx, r12–r15.
    /// </summary>
    private static void AddFuncletCallStubs(StubAssembler s)
    {
        var a = s.Code;

        // Catch: on return rax = where the method continues. Pop the ExInfos of the stack being
        // discarded, then resume on the frame's stack with the registers the funclet left.
        s.Global("RhpCallCatchFunclet");
        SaveCalleeSaved(a);
        a.sub(rsp, 7 * 8);
        a.mov(__qword_ptr[rsp + 0x18], rsi);
        a.mov(__qword_ptr[rsp + 0x20], rdx);
        a.mov(__qword_ptr[rsp + 0x28], rcx);
        LoadFrameRegisters(a, rdx);
        a.call(__qword_ptr[rsp + 0x18]);
        s.Global("RhpCallCatchFunclet2");
        a.mov(__qword_ptr[rsp + 0x08], rax);
        a.mov(rdx, __qword_ptr[rsp + 0x20]);
        a.mov(rdi, __qword_ptr[rsp + 0x28]);
        a.mov(rsi, __qword_ptr[rdx + RegDisplaySp]);
        s.CallExternal(PopExInfosBelow);
        a.mov(rdx, __qword_ptr[rsp + 0x20]);
        a.mov(rax, __qword_ptr[rsp + 0x08]);
        a.mov(rsp, __qword_ptr[rdx + RegDisplaySp]);
        a.jmp(rax);

        // Finally: afterwards store the registers back, later funclets of the frame see the updates.
        s.Global("RhpCallFinallyFunclet");
        SaveCalleeSaved(a);
        a.sub(rsp, 3 * 8);
        a.mov(__qword_ptr[rsp + 0x08], rdi);
        a.mov(__qword_ptr[rsp + 0x10], rsi);
        LoadFrameRegisters(a, rsi);
        a.call(__qword_ptr[rsp + 0x08]);
        s.Global("RhpCallFinallyFunclet2");
        a.mov(rsi, __qword_ptr[rsp + 0x10]);
        StoreFrameRegisters(a, rsi);
        a.add(rsp, 3 * 8);
        RestoreCalleeSaved(a);
        a.ret();

        // Filter: only rbp (filters reach the frame's locals through it); the result comes back in eax.
        s.Global("RhpCallFilterFunclet");
        SaveCalleeSaved(a);
        a.sub(rsp, 8);
        a.mov(rax, __qword_ptr[rdx + RegDisplayRbp]);
        a.mov(rbp, __qword_ptr[rax]);
        a.call(rsi);
        s.Global("RhpCallFilterFunclet2");
        a.add(rsp, 8);
        RestoreCalleeSaved(a);
        a.ret();
    }

    private static void SaveCalleeSaved(Assembler a)
    {
        a.push(r15);
        a.push(r14);
        a.push(r13);
        a.push(r12);
        a.push(rbx);
        a.push(rbp);
    }

    private static void RestoreCalleeSaved(Assembler a)
    {
        a.pop(rbp);
        a.pop(rbx);
        a.pop(r12);
        a.pop(r13);
        a.pop(r14);
        a.pop(r15);
    }

    private static readonly (AssemblerRegister64 Register, int Offset)[] FrameRegisters =
    [
        (rbx, RegDisplayRbx), (rbp, RegDisplayRbp), (r12, RegDisplayR12),
        (r13, RegDisplayR13), (r14, RegDisplayR14), (r15, RegDisplayR15),
    ];

    /// <summary>Loads rbx, rbp, r12–r15 through the REGDISPLAY in <paramref name="regDisplay"/> (uses rax).</summary>
    private static void LoadFrameRegisters(Assembler a, AssemblerRegister64 regDisplay)
    {
        foreach (var (register, offset) in FrameRegisters)
        {
            a.mov(rax, __qword_ptr[regDisplay + offset]);
            a.mov(register, __qword_ptr[rax]);
        }
    }

    private static void StoreFrameRegisters(Assembler a, AssemblerRegister64 regDisplay)
    {
        foreach (var (register, offset) in FrameRegisters)
        {
            a.mov(rax, __qword_ptr[regDisplay + offset]);
            a.mov(__qword_ptr[rax], register);
        }
    }

    /// <summary>
    /// int RhpGetCurrentThreadStackTrace(IntPtr* buffer, uint length, void* addressInCallerFrame), P/Invoked
    /// by CoreLib: records the caller's registers as the stack trace seed and runs CoreLib's
    /// RhpCalculateStackTraceWorker, whose RhpSfiInit(null) starts from that seed.
    /// </summary>
    private static void AddStackTraceStub(StubAssembler s)
    {
        var a = s.Code;
        s.Global("RhpGetCurrentThreadStackTrace");
        a.lea(rax, __[rsp + 8]);
        a.mov(rcx, __qword_ptr[rsp]);
        a.xor(r8d, r8d);
        PushContext(a, ip: rcx, sp: rax, zero: r8);
        // Three saved arguments and the result slot; 80 + 40 bytes keep the calls 16-byte aligned.
        a.sub(rsp, 5 * 8);
        a.mov(__qword_ptr[rsp], rdi);
        a.mov(__qword_ptr[rsp + 0x08], rsi);
        a.mov(__qword_ptr[rsp + 0x10], rdx);
        a.lea(rdi, __[rsp + 5 * 8]);
        s.CallExternal(SetStackTraceSeed);
        a.mov(rdi, __qword_ptr[rsp]);
        a.mov(esi, __dword_ptr[rsp + 0x08]);
        a.mov(rdx, __qword_ptr[rsp + 0x10]);
        s.CallExternal("RhpCalculateStackTraceWorker");
        a.mov(__qword_ptr[rsp + 0x18], rax);
        a.xor(edi, edi);
        s.CallExternal(SetStackTraceSeed);
        a.mov(eax, __dword_ptr[rsp + 0x18]);
        a.add(rsp, 5 * 8 + 10 * 8);
        a.ret();
    }
}
