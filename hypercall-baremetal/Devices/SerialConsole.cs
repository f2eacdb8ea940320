using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// 16550 UARTs: COM1 carries the application's stdout, COM2 its stderr, COM3 the kernel log
/// (the launcher maps each to its own host stream).
/// </summary>
internal static unsafe class SerialConsole
{
    private const ushort Com1 = 0x3F8;
    private const ushort Com2 = 0x2F8;
    private const ushort Com3 = 0x3E8;

    private const int LineStatus = 5;
    private const byte TransmitHoldingEmpty = 0x20;

    public static void Initialize()
    {
        InitializePort(Com1);
        InitializePort(Com2);
        InitializePort(Com3);
    }

    public static void Write(ConsoleStream stream, byte* data, int length)
    {
        ushort port = stream switch
        {
            ConsoleStream.Out => Com1,
            ConsoleStream.Error => Com2,
            _ => Com3,
        };
        for (int i = 0; i < length; i++)
        {
            while ((Instructions.InByte((ushort)(port + LineStatus)) & TransmitHoldingEmpty) == 0)
            {
            }
            Instructions.OutByte(port, data[i]);
        }
    }

    /// <summary>Writes an ASCII string to the kernel log (for the platform's own messages).</summary>
    public static void WriteKernel(string asciiText)
    {
        byte* buffer = stackalloc byte[1];
        foreach (char c in asciiText)
        {
            buffer[0] = (byte)c;
            Write(ConsoleStream.Kernel, buffer, 1);
        }
    }

    private static void InitializePort(ushort port)
    {
        Instructions.OutByte((ushort)(port + 1), 0x00); // no interrupts
        Instructions.OutByte((ushort)(port + 3), 0x80); // DLAB on
        Instructions.OutByte(port, 0x01);                // divisor 1: 115200 baud
        Instructions.OutByte((ushort)(port + 1), 0x00);
        Instructions.OutByte((ushort)(port + 3), 0x03); // 8N1, DLAB off
        Instructions.OutByte((ushort)(port + 2), 0xC7); // FIFO on, cleared
        Instructions.OutByte((ushort)(port + 4), 0x03); // DTR, RTS
    }
}
