using Sharprun.Hypercall;

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

    /// <summary>Writes " at 0x... (symbol+0x...)" for a code address.</summary>
    public static void Location(ulong address)
    {
        KernelLog.Write(" at ");
        KernelLog.WriteHex(address);
        if (SymbolTable.TryFind(address, out byte* name, out int nameLength, out ulong offset))
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

    /// <summary>Ends the report and powers off; does not return.</summary>
    public static void End()
    {
        KernelLog.Write("\n");
        Hypercalls.Panic();
    }
}
