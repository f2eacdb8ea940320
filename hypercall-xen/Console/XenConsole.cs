using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Console;

/// <summary>
/// The platform's console: the multiplexed streams go to the console ring of a DomU, or to console_io in dom0
/// (and before the ring is known); input comes raw (not multiplexed) from the same place.
/// </summary>
internal static unsafe class XenConsole
{
    /// <summary>Bytes multiplexed and sent with interrupts disabled at a time.</summary>
    private const int Piece = 64;

    /// <summary>
    /// Multiplexes and sends <paramref name="data"/> piece by piece, each with interrupts disabled: another
    /// thread's write may come between two pieces, never inside one, so the multiplexer's idea of the open line
    /// always matches what the console received.
    /// </summary>
    public static void Write(ConsoleStream stream, byte* data, int length)
    {
        for (int offset = 0; offset < length; offset += Piece)
        {
            bool enabled = ThreadContext.DisableInterrupts();
            ConsoleMultiplexer.Write(stream, data + offset, length - offset < Piece ? length - offset : Piece, &Send);
            if (enabled)
                ThreadContext.EnableInterrupts();
        }
    }

    /// <summary>Non-blocking: the input received so far, up to <paramref name="length"/> bytes.</summary>
    public static int Read(byte* buffer, int length)
    {
        bool enabled = ThreadContext.DisableInterrupts();
        int read = ConsoleRing.IsAvailable ? ConsoleRing.Read(buffer, length) : HypervisorConsole.ReadBytes(buffer, length);
        if (enabled)
            ThreadContext.EnableInterrupts();
        return read;
    }

    /// <summary>The event channel port input arrives on (0 when there is none).</summary>
    public static uint InputPort => ConsoleRing.IsAvailable ? ConsoleRing.Port : HypervisorConsole.InputPort;

    /// <summary>Writes an ASCII string to the kernel log (for the platform's own messages).</summary>
    public static void WriteKernel(string asciiText) => KernelLogText.WriteAscii(asciiText, &Write);

    /// <summary>Writes a number in decimal to the kernel log.</summary>
    public static void WriteKernelDecimal(ulong value) => KernelLogText.WriteDecimal(value, &Write);

    public static void WriteKernelBytes(byte* text, int length) => Write(ConsoleStream.Kernel, text, length);

    /// <summary>Closes an open line and waits until the backend has everything. Interrupts must be disabled.</summary>
    public static void Flush()
    {
        ConsoleMultiplexer.Finish(&Send);
        ConsoleRing.Flush();
    }

    private static void Send(byte* data, int length)
    {
        if (ConsoleRing.IsAvailable)
            ConsoleRing.Write(data, length);
        else
            HypervisorConsole.WriteBytes(data, length);
    }
}
