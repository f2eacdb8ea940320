namespace Sharprun.Net.Links;

/// <summary>
/// One Ethernet interface as the stack sees it: a virtio-net or netfront device behind the hypercall interface in
/// an image, a port of the in-memory bus in hosted tests. Called with the stack's lock held.
/// </summary>
public interface ILinkDevice
{
    /// <summary>A short name for logs and NetworkInterface ("eth0").</summary>
    string Name { get; }

    MacAddress Mac { get; }

    /// <summary>The largest IP packet the link carries (1500 on Ethernet), without the 14-byte Ethernet header.</summary>
    int Mtu { get; }

    bool LinkUp { get; }

    /// <summary>Whether the device fills in TCP/UDP checksums of transmitted frames (see <see cref="TransmitChecksum"/>).</summary>
    bool OffloadsTransmitChecksum { get; }

    /// <summary>
    /// Queues one complete Ethernet frame (header included, no FCS). False when the device's queue is full: the
    /// frame is dropped, as a full NIC queue drops it, and TCP's retransmission recovers.
    /// </summary>
    bool TryTransmit(ReadOnlySpan<byte> frame, TransmitChecksum checksum);

    /// <summary>
    /// Takes the next received frame into <paramref name="buffer"/> (at least <see cref="Mtu"/> + 14 bytes); its
    /// length, or 0 when none is waiting. <paramref name="checksumVerified"/> says the device checked the
    /// transport checksum already.
    /// </summary>
    int Receive(Span<byte> buffer, out bool checksumVerified);
}
