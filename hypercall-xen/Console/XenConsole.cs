namespace Sharprun.Hypercall.Console;

/// <summary>
/// The platform's console: the multiplexed streams go to the console ring of a DomU, or to console_io in dom0
/// (and before the ring is known).
/// </summary>
internal static unsafe class XenConsole
{
    public static void Write(ConsoleStream stream, byte* data, int length) =>
        ConsoleMultiplexer.Write(stream, data, length, &Send);

    /// <summary>Writes an ASCII string to the kernel log (for the platform's own messages).</summary>
    public static void WriteKernel(string asciiText)
    {
        byte* buffer = stackalloc byte[64];
        int used = 0;
        foreach (char c in asciiText)
        {
            buffer[used++] = (byte)c;
            if (used == 64)
            {
                Write(ConsoleStream.Kernel, buffer, used);
                used = 0;
            }
        }
        Write(ConsoleStream.Kernel, buffer, used);
    }

    public static void WriteKernelDecimal(ulong value)
    {
        byte* digits = stackalloc byte[20];
        int count = 0;
        do
        {
            digits[19 - count++] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        Write(ConsoleStream.Kernel, digits + 20 - count, count);
    }

    public static void WriteKernelBytes(byte* text, int length) => Write(ConsoleStream.Kernel, text, length);

    /// <summary>Closes an open line and waits until the backend has everything.</summary>
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
