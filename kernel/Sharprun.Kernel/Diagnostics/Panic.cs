using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Runtime.Exceptions;

namespace Sharprun.Kernel.Diagnostics;

/// <summary>
/// The end of the line for failures the kernel cannot turn into managed exceptions. Every line of
/// the report starts with "panic:" (the launcher always shows those), and the guest then powers off
/// with the panic record, never hangs or reboots.
/// </summary>
internal static unsafe class Panic
{
    public static void Fail(string reason)
    {
        Begin(reason);
        End();
    }

    private const ulong PageFault = 14;

    private static bool s_reportingFault;

    /// <summary>A CPU exception outside managed code: what, where (symbolized), the registers, and the frame-pointer chain.</summary>
    public static void Fault(InterruptFrame* frame)
    {
        EnterFaultReport(frame);
        Begin(VectorName(frame->Vector));
        KernelLog.Write(" (vector ");
        KernelLog.WriteDecimal(frame->Vector);
        KernelLog.Write(")");
        if (frame->Vector == PageFault)
            KernelLog.Write(PageFaultCause(frame->ErrorCode));
        Location(frame->Rip);
        EndWithRegisters(frame);
    }

    /// <summary>
    /// The stack ran into its guard page (or past its pointer into unmapped memory): where it happened, and
    /// the frame-pointer chain, which shows the recursion.
    /// </summary>
    public static void StackOverflow(InterruptFrame* frame)
    {
        EnterFaultReport(frame);
        Begin("stack overflow");
        Location(frame->Rip);
        KernelLog.Write(": the stack ran out");
        EndWithRegisters(frame);
    }

    /// <summary>
    /// A fault while a fault is being reported (say, the report's frame-pointer walk meets a wild pointer)
    /// would report itself forever: the second one ends the guest at once.
    /// </summary>
    private static void EnterFaultReport(InterruptFrame* frame)
    {
        if (!s_reportingFault)
        {
            s_reportingFault = true;
            return;
        }
        Begin("another CPU exception while reporting one: ");
        KernelLog.Write(VectorName(frame->Vector));
        Location(frame->Rip);
        Value("cr2", frame->Cr2);
        End();
    }

    private static string PageFaultCause(ulong errorCode) =>
        (errorCode & 0x10) != 0 ? ((errorCode & 1) != 0 ? ": execution of a non-executable page" : ": execution of an unmapped page")
        : (errorCode & 2) != 0 ? ((errorCode & 1) != 0 ? ": write to a read-only page" : ": write to an unmapped page")
        : (errorCode & 1) != 0 ? ": read of a protected page" : ": read of an unmapped page";

    private static void EndWithRegisters(InterruptFrame* frame)
    {
        NewLine(continued: true);
        Value("error", frame->ErrorCode);
        Value("cr2", frame->Cr2);
        Value("rflags", frame->Rflags);
        NewLine(continued: true);
        Value("rax", frame->Rax); Value("rbx", frame->Rbx); Value("rcx", frame->Rcx); Value("rdx", frame->Rdx);
        NewLine(continued: true);
        Value("rsi", frame->Rsi); Value("rdi", frame->Rdi); Value("rbp", frame->Rbp); Value("rsp", frame->Rsp);
        NewLine(continued: true);
        Value("r8", frame->R8); Value("r9", frame->R9); Value("r10", frame->R10); Value("r11", frame->R11);
        NewLine(continued: true);
        Value("r12", frame->R12); Value("r13", frame->R13); Value("r14", frame->R14); Value("r15", frame->R15);
        WriteFramePointerChain(frame->Rbp);
        End();
    }

    /// <summary>Return addresses along the rbp chain, stopping at anything that does not look like a frame.</summary>
    private static void WriteFramePointerChain(ulong rbp)
    {
        for (int depth = 0; depth < 16 && rbp >= 0x1000 && (rbp & 7) == 0; depth++)
        {
            ulong returnAddress = *(ulong*)(rbp + 8);
            if (returnAddress < 0x1000)
                break;
            NewLine(continued: true);
            KernelLog.Write("caller");
            Location(returnAddress);
            ulong next = *(ulong*)rbp;
            if (next <= rbp)
                break;
            rbp = next;
        }
    }

    private static string VectorName(ulong vector) => vector switch
    {
        0 => "divide error",
        1 => "debug exception",
        2 => "non-maskable interrupt",
        3 => "breakpoint",
        4 => "overflow",
        5 => "bound range exceeded",
        6 => "invalid opcode",
        7 => "device not available",
        8 => "double fault",
        10 => "invalid TSS",
        11 => "segment not present",
        12 => "stack-segment fault",
        13 => "general protection fault",
        14 => "page fault",
        16 => "x87 floating-point exception",
        17 => "alignment check",
        18 => "machine check",
        19 => "SIMD floating-point exception",
        _ => "CPU exception",
    };

    /// <summary>Writes "panic: reason" without ending the line, for reports that append details.</summary>
    public static void Begin(string reason)
    {
        KernelLog.Write("panic: ");
        KernelLog.Write(reason);
    }

    /// <summary>Writes a "name=0x..." pair for a report.</summary>
    public static void Value(string name, ulong value)
    {
        KernelLog.Write(" ");
        KernelLog.Write(name);
        KernelLog.Write("=");
        KernelLog.WriteHex(value);
    }

    /// <summary>Writes " at 0x... (symbol+0x...)" for a code address; addresses outside the image's code get no symbol.</summary>
    public static void Location(ulong address)
    {
        KernelLog.Write(" at ");
        KernelLog.WriteHex(address);
        if (address >= (ulong)TextStart() && address < (ulong)TextEnd()
            && SymbolTable.TryFind(address, out byte* name, out int nameLength, out ulong offset))
        {
            KernelLog.Write(" (");
            KernelLog.WriteBytes(name, nameLength);
            KernelLog.Write("+");
            KernelLog.WriteHex(offset, 4);
            KernelLog.Write(")");
        }
    }

    public static void NewLine(bool continued)
    {
        KernelLog.Write(continued ? "\npanic:  " : "\n");
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_text_start")]
    private static extern byte* TextStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_text_end")]
    private static extern byte* TextEnd();

    /// <summary>Ends the report and powers off; does not return.</summary>
    public static void End()
    {
        KernelLog.Write("\n");
        Hypercalls.Panic();
    }
}
