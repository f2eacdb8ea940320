using Sharprun.Net.Links;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// The link device the harness drives: it hands the stack exactly the frame of the current record (no MAC filter,
/// no length filter below the device's buffer), and checks every frame the stack transmits.
/// </summary>
public sealed class FuzzLink(string name, MacAddress mac) : ILinkDevice
{
    private const int EthernetHeaderLength = 14;

    private byte[] _pending = [];
    private int _pendingLength;
    private bool _pendingVerified;

    public string Name { get; } = name;

    public MacAddress Mac { get; } = mac;

    public int Mtu => 1500;

    public bool LinkUp => true;

    public bool OffloadsTransmitChecksum => false;

    /// <summary>The largest frame the device receives: what a real NIC's buffer holds.</summary>
    public int MaxFrameLength => Mtu + EthernetHeaderLength;

    /// <summary>When set, transmitted frames are kept (the corpus builder answers them); else only counted.</summary>
    public List<byte[]>? Captured { get; set; }

    public long FramesTransmitted { get; private set; }

    /// <summary>The first broken rule seen in a transmitted frame, or null; the harness checks it after each Poll.</summary>
    public string? Violation { get; private set; }

    /// <summary>Makes <paramref name="frame"/> the next (and only) frame <see cref="Receive"/> returns.</summary>
    public void Offer(ReadOnlySpan<byte> frame, bool checksumVerified)
    {
        if (_pending.Length < frame.Length)
            _pending = new byte[MaxFrameLength];
        frame.CopyTo(_pending);
        _pendingLength = frame.Length;
        _pendingVerified = checksumVerified;
    }

    public bool TryTransmit(ReadOnlySpan<byte> frame, TransmitChecksum checksum)
    {
        // Recorded, not thrown: an exception here would land in the stack's own catch as an InternalFault.
        if (frame.Length < EthernetHeaderLength || frame.Length > MaxFrameLength)
            Violation ??= $"{Name} was asked to send a frame of {frame.Length} bytes (MTU {Mtu})";
        else if (checksum.IsRequested)
            Violation ??= $"{Name} does not offload checksums but a frame asked it to fill one in";
        if (Violation is not null)
            return false;
        FramesTransmitted++;
        Captured?.Add(frame.ToArray());
        return true;
    }

    public int Receive(Span<byte> buffer, out bool checksumVerified)
    {
        checksumVerified = _pendingVerified;
        int length = _pendingLength;
        _pendingLength = 0;
        if (length == 0)
            return 0;
        if (length > buffer.Length)
            throw new InvariantViolationException($"{Name}'s receive buffer holds {buffer.Length} bytes, less than the MTU's frame");
        _pending.AsSpan(0, length).CopyTo(buffer);
        return length;
    }
}
