namespace Sharprun.Hypercall;

/// <summary>
/// The platform's own kernel-log messages (ASCII text and decimal numbers), formatted on the stack so that code
/// beneath the runtime can report without allocating; each console passes its Write.
/// </summary>
internal static unsafe class KernelLogText
{
    private const int ChunkBytes = 64;

    public static void WriteAscii(string text, delegate*<ConsoleStream, byte*, int, void> write)
    {
        byte* buffer = stackalloc byte[ChunkBytes];
        int used = 0;
        foreach (char c in text)
        {
            buffer[used++] = (byte)c;
            if (used == ChunkBytes)
            {
                write(ConsoleStream.Kernel, buffer, used);
                used = 0;
            }
        }
        write(ConsoleStream.Kernel, buffer, used);
    }

    public static void WriteDecimal(ulong value, delegate*<ConsoleStream, byte*, int, void> write)
    {
        byte* digits = stackalloc byte[20];
        int count = 0;
        do
        {
            digits[19 - count++] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        write(ConsoleStream.Kernel, digits + 20 - count, count);
    }
}
