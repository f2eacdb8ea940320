using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Hypercall.Hosted.Network;

/// <summary>One station on an <see cref="EthernetBus"/>: the link device a hosted stack (or a scripted peer) uses.</summary>
public sealed class BusPort : ILinkDevice
{
    private const int EthernetHeaderLength = 14;

    private readonly EthernetBus _bus;
    private readonly Queue<byte[]> _received = new();
    private readonly Queue<byte[]> _heldBack = new();
    private readonly int _receiveCapacity;

    internal BusPort(EthernetBus bus, string name, MacAddress mac, int mtu, int receiveCapacity, bool promiscuous)
    {
        _bus = bus;
        Name = name;
        Mac = mac;
        Mtu = mtu;
        _receiveCapacity = receiveCapacity;
        Promiscuous = promiscuous;
    }

    public string Name { get; }

    public MacAddress Mac { get; }

    public int Mtu { get; }

    public bool LinkUp { get; set; } = true;

    public bool OffloadsTransmitChecksum { get; set; }

    /// <summary>Receives every frame on the bus, whatever its destination (a capturing peer).</summary>
    public bool Promiscuous { get; }

    /// <summary>Frames refused by <see cref="TryTransmit"/>: link down, or shorter than a header or longer than the MTU.</summary>
    public long TransmitRefused { get; private set; }

    public long FramesTransmitted { get; private set; }

    /// <summary>Frames waiting in this port's receive queue (held-back ones included).</summary>
    public int PendingReceive => _received.Count + _heldBack.Count;

    public bool TryTransmit(ReadOnlySpan<byte> frame, TransmitChecksum checksum)
    {
        if (!LinkUp || frame.Length < EthernetHeaderLength || frame.Length > Mtu + EthernetHeaderLength)
        {
            TransmitRefused++;
            return false;
        }
        FramesTransmitted++;
        if (!checksum.IsRequested)
        {
            _bus.Carry(this, frame);
            return true;
        }
        // What a NIC does for NEEDS_CSUM: sum from Start to the end over the pseudo-header sum already stored.
        byte[] completed = frame.ToArray();
        uint sum = InternetChecksum.Add(0, completed.AsSpan(checksum.Start));
        ushort value = InternetChecksum.Finish(sum);
        completed[checksum.Start + checksum.Offset] = (byte)(value >> 8);
        completed[checksum.Start + checksum.Offset + 1] = (byte)value;
        _bus.Carry(this, completed);
        return true;
    }

    public int Receive(Span<byte> buffer, out bool checksumVerified)
    {
        checksumVerified = false;
        // A held-back frame comes out once the frames that overtook it are taken: reordered, never stranded.
        if (!_received.TryDequeue(out byte[]? frame) && !_heldBack.TryDequeue(out frame))
            return 0;
        if (frame.Length > buffer.Length)
            return 0;
        frame.CopyTo(buffer);
        return frame.Length;
    }

    internal bool Enqueue(byte[] frame, bool holdBack)
    {
        if (PendingReceive >= _receiveCapacity)
            return false;
        (holdBack ? _heldBack : _received).Enqueue(frame);
        return true;
    }
}
