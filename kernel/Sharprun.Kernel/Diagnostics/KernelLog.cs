using Sharprun.Hypercall;

namespace Sharprun.Kernel.Diagnostics;

/// <summary>
/// Writes to the kernel console without allocating: usable from any layer, including beneath
/// the runtime. The launcher shows these lines only with --verbose, except panic reports.
/// </summary>
internal static unsafe class KernelLog
{
    public static void Write(string text)
    {
        byte* buffer = stackalloc byte[128];
        int used = 0;
        foreach (char c in text)
        {
            buffer[used++] = c < 128 ? (byte)c : (byte)'?';
            if (used == 128)
            {
                Hypercalls.ConsoleWrite(ConsoleStream.Kernel, buffer, used);
                used = 0;
            }
        }
        if (used > 0)
            Hypercalls.ConsoleWrite(ConsoleStream.Kernel, buffer, used);
    }

    public static void WriteBytes(byte* text, int length) => Hypercalls.ConsoleWrite(ConsoleStream.Kernel, text, length);

    public static void WriteHex(ulong value, int digits = 16)
    {
        byte* buffer = stackalloc byte[18];
        buffer[0] = (byte)'0';
        buffer[1] = (byte)'x';
        for (int i = 0; i < digits; i++)
        {
            int nibble = (int)((value >> (4 * (digits - 1 - i))) & 0xF);
            buffer[2 + i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
        Hypercalls.ConsoleWrite(ConsoleStream.Kernel, buffer, 2 + digits);
    }

    public static void WriteDecimal(ulong value)
    {
        byte* buffer = stackalloc byte[20];
        int count = 0;
        do
        {
            buffer[19 - count++] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        Hypercalls.ConsoleWrite(ConsoleStream.Kernel, buffer + 20 - count, count);
    }
}
