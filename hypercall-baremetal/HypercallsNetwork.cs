using Sharprun.Hypercall.Devices.Net;
using Sharprun.Hypercall.Devices.Pci;

namespace Sharprun.Hypercall;

/// <summary>
/// Network interfaces: the virtio-net devices found on PCI (up to 4), frames in and out. Interrupts are
/// message-signalled and only raise a flag the kernel takes at interrupt exit (<see cref="TakeNetworkEvents"/>).
/// PCI is enumerated and the drivers started on the first <see cref="NetworkInterfaceCount"/>, not at boot: only
/// the network stack calls it, so images without networking carry none of that code (ILC compiles only what is
/// reachable), and their boot does not scan PCI. Until then there is no interface, every number is out of range.
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>
    /// Number of network interfaces (0..4), numbered 0..count-1. The first call finds and starts them (and a
    /// virtio-rng device, for <see cref="GetEntropy"/>), with interrupts disabled meanwhile, taking their rings and
    /// buffers from the kernel's page allocator (<c>sharprun_kernel_allocate_pages</c>): call it from a kernel
    /// thread, never from an interrupt handler. Later calls only read the count.
    /// </summary>
    public static int NetworkInterfaceCount
    {
        get
        {
            PciEnumeration.EnsureRun();
            return NetworkInterfaces.Count;
        }
    }

    /// <summary>Writes the interface's 6-byte MAC address.</summary>
    public static void GetNetworkMac(int nic, byte* mac) => NetworkInterfaces.CopyMac(nic, mac);

    /// <summary>The largest IP packet (1500 for virtio-net without the MTU feature), excluding the 14-byte Ethernet header.</summary>
    public static int GetNetworkMtu(int nic) => NetworkInterfaces.Mtu(nic);

    public static bool IsNetworkLinkUp(int nic) => NetworkInterfaces.LinkUp(nic);

    /// <summary>Whether the device completes TCP/UDP checksums on transmit (CSUM negotiated).</summary>
    public static bool NetworkOffloadsTransmitChecksum(int nic) => NetworkInterfaces.OffloadsTransmitChecksum(nic);

    /// <summary>
    /// Copies one Ethernet frame (no FCS) into the device's transmit ring and notifies it. checksumStart &lt; 0:
    /// complete frame; else ask the device to fill the checksum (VIRTIO_NET_HDR_F_NEEDS_CSUM, csum_start/csum_offset).
    /// False when the ring is full (the caller drops the frame), and also for an empty frame, one longer than a
    /// transmit slot (2036 bytes), a checksum position outside the frame, or a checksum asked of a device without
    /// CSUM. Safe with interrupts enabled: it disables them inside.
    /// </summary>
    public static bool NetworkTransmit(int nic, byte* frame, int length, int checksumStart, int checksumOffset) =>
        NetworkInterfaces.Transmit(nic, frame, length, checksumStart, checksumOffset);

    /// <summary>
    /// Copies the next received frame (without the virtio header; merged buffers joined) into buffer; its length,
    /// 0 when none is waiting. *checksumVerified = DATA_VALID was set. Reposts the buffers to the device. A frame
    /// longer than capacity is dropped (and the next one returned). Returning 0 re-arms the receive interrupt.
    /// </summary>
    public static int NetworkReceive(int nic, byte* buffer, int capacity, bool* checksumVerified) =>
        NetworkInterfaces.Receive(nic, buffer, capacity, checksumVerified);

    /// <summary>
    /// True when any NIC interrupted (frames received, transmit done, link change) since the last call; clears the
    /// flag. The kernel calls it at every interrupt exit, interrupts disabled, to wake its network thread.
    /// </summary>
    public static bool TakeNetworkEvents() => NetworkEventFlag.Take();
}
