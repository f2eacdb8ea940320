using System;
using System.Runtime.InteropServices;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// 16550 UARTs: COM1 carries the application's stdout, COM2 its stderr, COM3 the kernel log
/// (the launcher maps each to its own host stream). COM1 also receives the console input: its receive interrupt
/// (ISA IRQ 4) moves bytes into a 4 KiB buffer <see cref="Read"/> takes them from. When the buffer is full the
/// interrupt is switched off, so further input waits in the UART — and behind it in QEMU and the host's socket —
/// until a read makes room: nothing is dropped.
/// </summary>
internal static unsafe class SerialConsole
{
    private const ushort Com1 = 0x3F8;
    private const ushort Com2 = 0x2F8;
    private const ushort Com3 = 0x3E8;

    private const int InterruptEnable = 1;
    private const int FifoControl = 2;
    private const int ModemControl = 4;
    private const int LineStatus = 5;
    private const byte TransmitHoldingEmpty = 0x20;
    private const byte DataReady = 0x01;
    private const byte ReceivedDataInterrupt = 0x01;
    /// <summary>FIFOs on and cleared; the receive interrupt comes at 14 bytes, or when fewer wait 4 characters' time.</summary>
    private const byte FifoOnAndCleared = 0xC7;
    /// <summary>DTR, RTS and OUT2, which gates the IRQ line on PC UARTs.</summary>
    private const byte ModemInterruptsOn = 0x0B;
    private const int Com1Line = 4;

    private static ConsoleInputBuffer s_input;
    private static bool s_inputPaused;

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

    /// <summary>
    /// Starts receiving console input on COM1 (interrupts stay as they are: disabled at boot). False when IRQ 4
    /// cannot be routed.
    /// </summary>
    public static bool EnableInput()
    {
        if (!InterruptDispatcher.Register(Com1Line, &OnReceiveInterrupt))
            return false;
        Instructions.OutByte((ushort)(Com1 + ModemControl), ModemInterruptsOn);
        Instructions.OutByte((ushort)(Com1 + InterruptEnable), ReceivedDataInterrupt);
        return true;
    }

    /// <summary>Non-blocking: copies up to <paramref name="length"/> bytes of input received so far; 0 when there is none.</summary>
    public static int Read(byte* buffer, int length)
    {
        if (buffer == null || length <= 0)
            return 0;
        bool enabled = ThreadContext.DisableInterrupts();
        Receive();
        int read = s_input.Read(new Span<byte>(buffer, length));
        if (s_inputPaused && !s_input.IsFull)
        {
            s_inputPaused = false;
            Instructions.OutByte((ushort)(Com1 + InterruptEnable), ReceivedDataInterrupt);
            Receive();
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
        return read;
    }

    [UnmanagedCallersOnly]
    private static void OnReceiveInterrupt() => Receive();

    /// <summary>Moves what COM1 holds into the buffer, interrupts disabled; pauses receiving when the buffer is full.</summary>
    private static void Receive()
    {
        while ((Instructions.InByte((ushort)(Com1 + LineStatus)) & DataReady) != 0)
        {
            if (s_input.IsFull)
            {
                if (!s_inputPaused)
                {
                    s_inputPaused = true;
                    Instructions.OutByte((ushort)(Com1 + InterruptEnable), 0);
                }
                return;
            }
            s_input.TryAdd(Instructions.InByte(Com1));
        }
    }

    /// <summary>Writes a number in decimal to the kernel log.</summary>
    public static void WriteKernelDecimal(ulong value) => KernelLogText.WriteDecimal(value, &Write);

    /// <summary>Writes an ASCII string to the kernel log (for the platform's own messages).</summary>
    public static void WriteKernel(string asciiText) => KernelLogText.WriteAscii(asciiText, &Write);

    /// <summary>
    /// Clearing the FIFOs drops input received before: the launcher sends COM1 input only once the kernel log has
    /// begun, which is after this.
    /// </summary>
    private static void InitializePort(ushort port)
    {
        Instructions.OutByte((ushort)(port + 1), 0x00); // no interrupts
        Instructions.OutByte((ushort)(port + 3), 0x80); // DLAB on
        Instructions.OutByte(port, 0x01);                // divisor 1: 115200 baud
        Instructions.OutByte((ushort)(port + 1), 0x00);
        Instructions.OutByte((ushort)(port + 3), 0x03); // 8N1, DLAB off
        Instructions.OutByte((ushort)(port + FifoControl), FifoOnAndCleared);
        Instructions.OutByte((ushort)(port + 4), 0x03); // DTR, RTS
    }
}
