using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Console;

/// <summary>
/// HYPERVISOR_console_io: Xen's own console. Only the hardware domain (dom0) may use it on a release build of
/// Xen; a DomU gets EPERM and uses <see cref="ConsoleRing"/>. Also the last resort for boot failures. Serial input
/// goes to dom0 unless switched to Xen (CTRL-A three times); Xen announces it with the global VIRQ_CONSOLE.
/// </summary>
internal static unsafe class HypervisorConsole
{
    private const ulong Write = 0;
    private const ulong Read = 1;
    private const uint VirqConsole = 2;

    /// <summary>The port VIRQ_CONSOLE arrives on; 0 until <see cref="EnableInput"/> bound it.</summary>
    public static uint InputPort { get; private set; }

    /// <summary>Binds VIRQ_CONSOLE; returns 0 or Xen's negative errno.</summary>
    public static long EnableInput()
    {
        long port = EventChannels.BindVirq(VirqConsole);
        if (port < 0)
            return port;
        InputPort = (uint)port;
        return 0;
    }

    /// <summary>CONSOLEIO_read: takes up to <paramref name="length"/> bytes Xen received on its serial line for dom0.</summary>
    public static int ReadBytes(byte* buffer, int length)
    {
        if (length <= 0)
            return 0;
        long count = XenHypercall.Call(XenHypercall.ConsoleIo, Read, (ulong)length, (ulong)buffer);
        return count > 0 ? (int)count : 0;
    }

    public static void WriteBytes(byte* data, int length)
    {
        if (length > 0)
            XenHypercall.Call(XenHypercall.ConsoleIo, Write, (ulong)length, (ulong)data);
    }
}
