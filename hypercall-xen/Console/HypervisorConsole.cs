using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Console;

/// <summary>
/// HYPERVISOR_console_io: Xen's own console. Only the hardware domain (dom0) may write to it on a release build of
/// Xen; a DomU gets EPERM and uses <see cref="ConsoleRing"/>. Also the last resort for boot failures.
/// </summary>
internal static unsafe class HypervisorConsole
{
    private const ulong Write = 0;

    public static void WriteBytes(byte* data, int length)
    {
        if (length > 0)
            XenHypercall.Call(XenHypercall.ConsoleIo, Write, (ulong)length, (ulong)data);
    }
}
