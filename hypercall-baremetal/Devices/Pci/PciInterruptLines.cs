using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// The INTx lines of devices without MSI-X, shared between drivers: the interrupt dispatcher holds one handler per
/// line, and the firmware often routes a NIC and a disk to the same one (QEMU's i440fx has four PCI lines for every
/// slot). One handler serves every line claimed and runs each driver's poll, which reads its devices' ISR status
/// (deasserting their lines) and raises its event flag: polling a device whose line did not fire costs a register
/// read and loses nothing. Claimed during PCI enumeration, interrupts disabled.
/// </summary>
internal static unsafe class PciInterruptLines
{
    /// <summary>One place per driver that can run on INTx (virtio-net, virtio-blk), and room for more.</summary>
    private const int MaxPolls = 4;

    private static Polls s_polls;
    private static int s_pollCount;
    private static int s_lines;

    /// <summary>
    /// Routes INTx line <paramref name="line"/> (an ISA line, below 16) to the shared handler, once per line, and
    /// adds <paramref name="poll"/> to what it runs, once per driver. False when the line does not reach the I/O
    /// APIC or a handler other than this one holds it.
    /// </summary>
    public static bool Claim(int line, delegate*<void> poll)
    {
        if ((s_lines & (1 << line)) == 0)
        {
            if (!InterruptDispatcher.RegisterPciLine(line, &OnInterrupt))
                return false;
            s_lines |= 1 << line;
        }
        for (int i = 0; i < s_pollCount; i++)
        {
            if (s_polls[i] == (nint)poll)
                return true;
        }
        if (s_pollCount == MaxPolls)
            return false;
        s_polls[s_pollCount++] = (nint)poll;
        return true;
    }

    /// <summary>
    /// <see cref="Claim"/> for a device that has INTx line <paramref name="line"/>, or none to claim (-1: it uses
    /// MSI-X); false with the reason for the kernel log.
    /// </summary>
    public static bool TryClaim(int line, delegate*<void> poll, out string? failure)
    {
        failure = null;
        if (line < 0 || Claim(line, poll))
            return true;
        failure = "its INTx line does not reach the I/O APIC, or a handler outside the PCI drivers holds it";
        return false;
    }

    /// <summary>Every claimed line: each driver's poll runs before the dispatcher's acknowledgement, so a quietened level-triggered line is not re-sent.</summary>
    [UnmanagedCallersOnly]
    private static void OnInterrupt()
    {
        for (int i = 0; i < s_pollCount; i++)
            ((delegate*<void>)s_polls[i])();
    }

    [InlineArray(MaxPolls)]
    private struct Polls
    {
        private nint _first;
    }
}
