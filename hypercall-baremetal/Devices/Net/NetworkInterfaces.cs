using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices.Pci;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Net;

/// <summary>
/// The network interfaces PCI enumeration found (eth0..eth3, in PCI order), behind the network part of the hypercall
/// interface. Every call on an interface runs with interrupts disabled, so a thread's transmit and another's
/// receive never meet halfway; the interrupt handler itself only raises the event flag.
/// </summary>
internal static unsafe class NetworkInterfaces
{
    public const int MaxInterfaces = 4;

    private static Table s_interfaces;
    private static int s_count;

    public static int Count => s_count;

    /// <summary>Starts the virtio-net device at <paramref name="function"/> as the next interface and logs it, or logs why not.</summary>
    public static void Add(PciAddress function)
    {
        int number = s_count;
        if (number == MaxInterfaces)
        {
            SerialConsole.WriteKernel("net: more than 4 network interfaces; the rest are not used\n");
            return;
        }
        bool messages = VirtioNetInterface.HasMessageInterrupts(function);
        int vector = messages ? InterruptDispatcher.AllocateMessageVector(&OnInterrupt, number) : -1;
        string? failure = "no interrupt vector left";
        if ((messages && vector < 0) || !s_interfaces[number].TryStart(function, vector, out failure)
            || !PciInterruptLines.TryClaim(s_interfaces[number].LegacyLine, &PollLegacy, out failure))
        {
            SerialConsole.WriteKernel("net: virtio-net at PCI ");
            SerialConsole.WriteKernelDecimal(function.Bus);
            SerialConsole.WriteKernel(":");
            SerialConsole.WriteKernelDecimal(function.Device);
            SerialConsole.WriteKernel(".");
            SerialConsole.WriteKernelDecimal(function.Function);
            SerialConsole.WriteKernel(" not used: ");
            SerialConsole.WriteKernel(failure ?? "unknown reason");
            SerialConsole.WriteKernel("\n");
            s_interfaces[number] = default;
            return;
        }
        s_count++;
        Log(number);
    }

    public static void CopyMac(int nic, byte* mac)
    {
        if (IsValid(nic))
            s_interfaces[nic].CopyMac(mac);
    }

    public static int Mtu(int nic) => IsValid(nic) ? s_interfaces[nic].Mtu : 0;

    public static bool LinkUp(int nic) => IsValid(nic) && s_interfaces[nic].LinkUp && !s_interfaces[nic].IsBroken;

    public static bool OffloadsTransmitChecksum(int nic) => IsValid(nic) && s_interfaces[nic].OffloadsTransmitChecksum;

    public static bool Transmit(int nic, byte* frame, int length, int checksumStart, int checksumOffset)
    {
        if (!IsValid(nic) || frame == null)
            return false;
        bool enabled = ThreadContext.DisableInterrupts();
        bool sent = s_interfaces[nic].Transmit(frame, length, checksumStart, checksumOffset);
        if (enabled)
            ThreadContext.EnableInterrupts();
        return sent;
    }

    public static int Receive(int nic, byte* buffer, int capacity, bool* checksumVerified)
    {
        if (checksumVerified != null)
            *checksumVerified = false;
        if (!IsValid(nic) || buffer == null || capacity <= 0 || checksumVerified == null)
            return 0;
        bool enabled = ThreadContext.DisableInterrupts();
        int length = s_interfaces[nic].Receive(buffer, capacity, checksumVerified);
        if (enabled)
            ThreadContext.EnableInterrupts();
        return length;
    }

    /// <summary>Every interface's one vector: frames received, transmit slots freed, link changed. Nothing to acknowledge with MSI-X.</summary>
    private static void OnInterrupt(int nic) => NetworkEventFlag.Raise();

    /// <summary>
    /// Every INTx interrupt: the lines are level-triggered and may be shared, so each interface's ISR status is read
    /// (which deasserts it) before the acknowledgement, whichever of them interrupted.
    /// </summary>
    private static void PollLegacy()
    {
        bool raised = false;
        for (int nic = 0; nic < s_count; nic++)
            raised |= s_interfaces[nic].TakeLegacyInterrupt();
        if (raised)
            NetworkEventFlag.Raise();
    }

    private static bool IsValid(int nic) => (uint)nic < (uint)s_count;

    /// <summary>"net: eth0 virtio-net 52:54:00:12:34:56 mtu 1500 link up (MSI-X)", or "(INTx, IRQ 11)".</summary>
    private static void Log(int nic)
    {
        byte* mac = stackalloc byte[6];
        byte* text = stackalloc byte[17];
        s_interfaces[nic].CopyMac(mac);
        for (int i = 0; i < 6; i++)
        {
            text[i * 3] = HexDigit(mac[i] >> 4);
            text[i * 3 + 1] = HexDigit(mac[i] & 15);
            if (i < 5)
                text[i * 3 + 2] = (byte)':';
        }
        SerialConsole.WriteKernel("net: eth");
        SerialConsole.WriteKernelDecimal((ulong)nic);
        SerialConsole.WriteKernel(" virtio-net ");
        SerialConsole.Write(ConsoleStream.Kernel, text, 17);
        SerialConsole.WriteKernel(" mtu ");
        SerialConsole.WriteKernelDecimal((ulong)s_interfaces[nic].Mtu);
        SerialConsole.WriteKernel(s_interfaces[nic].LinkUp ? " link up" : " link down");
        int line = s_interfaces[nic].LegacyLine;
        if (line < 0)
        {
            SerialConsole.WriteKernel(" (MSI-X)\n");
            return;
        }
        SerialConsole.WriteKernel(" (INTx, IRQ ");
        SerialConsole.WriteKernelDecimal((ulong)line);
        SerialConsole.WriteKernel(")\n");
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    [InlineArray(MaxInterfaces)]
    private struct Table
    {
        private VirtioNetInterface _first;
    }
}
