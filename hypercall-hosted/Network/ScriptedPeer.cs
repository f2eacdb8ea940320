using Sharprun.Net.Links;

namespace Sharprun.Hypercall.Hosted.Network;

/// <summary>
/// A hand-driven station for packet-by-packet tests: it captures every frame on the bus and injects frames a test
/// writes byte by byte (a DHCP server, a DNS server, a router sending advertisements, an attacker).
/// </summary>
public sealed class ScriptedPeer
{
    private readonly byte[] _buffer;

    public ScriptedPeer(EthernetBus bus, string name, MacAddress mac, int mtu = 1500)
    {
        Port = bus.AddPort(name, mac, mtu, promiscuous: true);
        _buffer = new byte[mtu + 14];
    }

    public BusPort Port { get; }

    public MacAddress Mac => Port.Mac;

    /// <summary>Takes every frame captured since the last call, oldest first.</summary>
    public List<byte[]> TakeCaptured()
    {
        var frames = new List<byte[]>();
        int length;
        while ((length = Port.Receive(_buffer, out _)) > 0)
            frames.Add(_buffer[..length]);
        return frames;
    }

    /// <summary>Puts a frame on the bus; false when the port refused it (bad length).</summary>
    public bool Inject(ReadOnlySpan<byte> frame) => Port.TryTransmit(frame, TransmitChecksum.None);
}
