using System.Threading;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Console;

/// <summary>
/// A DomU's console: the xencons_interface page (HVM_PARAM_CONSOLE_PFN) whose 2 KiB output ring the toolstack's
/// xenconsoled drains when notified on HVM_PARAM_CONSOLE_EVTCHN, and whose 1 KiB input ring it fills with what is
/// typed on the guest's console (notifying the same port). The backend is another domain: its indices are read
/// once per step and checked, so a corrupt index drops output or input instead of reaching outside the rings.
/// </summary>
internal static unsafe class ConsoleRing
{
    private const int OutputOffset = 1024;
    private const uint OutputSize = 2048;
    private const int OutputConsumerOffset = 3080;
    private const int OutputProducerOffset = 3084;

    /// <summary>How long a full ring may stay full before output is dropped (a backend that stopped reading).</summary>
    private const ulong StallLimit = 5_000_000_000;

    private static byte* s_page;
    private static uint s_port;
    private static bool s_broken;
    private static uint s_inputConsumer;
    private static bool s_inputBroken;

    public static bool Initialize()
    {
        ulong frame = HvmParameters.Get(HvmParameters.ConsolePfn);
        ulong port = HvmParameters.Get(HvmParameters.ConsoleEventChannel);
        if (frame == 0 || frame >= 1UL << 20 || port == 0 || port >= EventChannels.MaxPorts)
            return false;
        s_page = (byte*)(frame << 12);
        s_port = (uint)port;
        s_inputConsumer = Volatile.Read(ref *(uint*)(s_page + ConsoleRingInput.ConsumerOffset));
        // Input notifications must raise the upcall.
        EventChannels.Unmask(s_port);
        return true;
    }

    public static bool IsAvailable => s_page != null;

    /// <summary>The port xenconsoled notifies (input arrived, output taken); 0 without a ring.</summary>
    public static uint Port => s_port;

    /// <summary>Takes up to <paramref name="length"/> bytes of input received so far; 0 when there are none.</summary>
    public static int Read(byte* buffer, int length)
    {
        if (s_page == null || s_inputBroken)
            return 0;
        int count = ConsoleRingInput.Take(s_page, ref s_inputConsumer, buffer, length);
        if (count < 0)
        {
            s_inputBroken = true;
            XenConsole.WriteKernel("xen: the console's input producer index is impossible; console input ignored from now on\n");
            return 0;
        }
        // xenconsoled only refills a ring it was told has room.
        if (count > 0)
            EventChannels.Send(s_port);
        return count;
    }

    public static void Write(byte* data, int length)
    {
        if (s_page == null || s_broken)
            return;
        uint* consumer = (uint*)(s_page + OutputConsumerOffset);
        uint* producer = (uint*)(s_page + OutputProducerOffset);
        int sent = 0;
        while (sent < length)
        {
            uint prod = Volatile.Read(ref *producer);
            uint used = prod - Volatile.Read(ref *consumer);
            if (used > OutputSize)
            {
                s_broken = true;
                return;
            }
            uint space = OutputSize - used;
            if (space == 0)
            {
                EventChannels.Send(s_port);
                if (!EventChannels.WaitUntil(&HasSpace, s_port, PvClock.SystemTime() + StallLimit))
                {
                    s_broken = true;
                    return;
                }
                continue;
            }
            uint count = (uint)(length - sent) < space ? (uint)(length - sent) : space;
            for (uint i = 0; i < count; i++)
                s_page[OutputOffset + ((prod + i) & (OutputSize - 1))] = data[sent + (int)i];
            // The bytes must be visible before the producer index that publishes them (x86 keeps stores in order).
            Volatile.Write(ref *producer, prod + count);
            sent += (int)count;
        }
        EventChannels.Send(s_port);
    }

    /// <summary>Waits (bounded) until the backend has read everything: called before the domain shuts down.</summary>
    public static void Flush()
    {
        if (s_page == null || s_broken)
            return;
        EventChannels.Send(s_port);
        EventChannels.WaitUntil(&IsDrained, s_port, PvClock.SystemTime() + StallLimit);
    }

    private static bool HasSpace()
    {
        uint used = Volatile.Read(ref *(uint*)(s_page + OutputProducerOffset)) - Volatile.Read(ref *(uint*)(s_page + OutputConsumerOffset));
        return used < OutputSize || used > OutputSize;
    }

    private static bool IsDrained() =>
        Volatile.Read(ref *(uint*)(s_page + OutputProducerOffset)) == Volatile.Read(ref *(uint*)(s_page + OutputConsumerOffset));
}
