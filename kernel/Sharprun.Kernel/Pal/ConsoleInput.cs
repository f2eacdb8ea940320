using Sharprun.Hypercall;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// Standard input from the console. Without the <c>console.input</c> kernel option the host sends nothing and
/// input is at end of file. With it, a read waits until bytes arrive; an EOT byte (Ctrl-D, 0x04), which the
/// launcher sends when its own input ends, ends the input for good, as it does on a terminal at a line start.
/// </summary>
public static unsafe class ConsoleInput
{
    private const byte EndOfTransmission = 0x04;

    private static ThreadQueue s_readers;
    private static bool s_ended;

    /// <summary>Whether the host feeds the console's input (set at boot from the kernel options).</summary>
    public static bool Connected { get; set; }

    /// <summary>Like read(2) on a terminal: waits for at least one byte; 0 at end of input.</summary>
    public static int Read(byte* buffer, int count)
    {
        if (count == 0 || !Connected)
            return 0;
        bool enabled = Hypercalls.DisableInterrupts();
        int received = 0;
        while (!s_ended && (received = Hypercalls.ConsoleRead(buffer, count)) == 0)
            Scheduler.Block((ThreadQueue*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_readers), ulong.MaxValue);
        Hypercalls.RestoreInterrupts(enabled);
        if (s_ended)
            return 0;
        int end = new System.ReadOnlySpan<byte>(buffer, received).IndexOf(EndOfTransmission);
        if (end < 0)
            return received;
        s_ended = true;
        return end;
    }

    /// <summary>Whether a read would return at once (poll's readiness).</summary>
    public static bool ReadWouldNotBlock => !Connected || s_ended;

    /// <summary>Interrupt exit: input may have arrived, so readers look again. Interrupts are disabled.</summary>
    internal static void OnInterrupt()
    {
        Scheduler.WakeAll((ThreadQueue*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_readers));
    }
}
