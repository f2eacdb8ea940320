using Sharprun.Net.Links;

namespace Sharprun.Hypercall.Hosted.Network;

/// <summary>
/// An in-memory Ethernet segment (rump's shmif): every frame a port transmits reaches the other ports whose address
/// it names, or all of them for broadcast and multicast, through the faults of <see cref="Faults"/>.
/// </summary>
public sealed class EthernetBus
{
    private readonly List<BusPort> _ports = [];
    private readonly Random _random;

    public EthernetBus(int seed = 1) => _random = new Random(seed);

    public BusFaults Faults { get; set; } = BusFaults.None;

    public IReadOnlyList<BusPort> Ports => _ports;

    /// <summary>Frames handed to a port's receive queue (duplicates counted each time).</summary>
    public long FramesDelivered { get; private set; }

    /// <summary>Frames lost on purpose or because a receive queue was full.</summary>
    public long FramesLost { get; private set; }

    public BusPort AddPort(string name, MacAddress mac, int mtu = 1500, int receiveCapacity = 4096, bool promiscuous = false)
    {
        var port = new BusPort(this, name, mac, mtu, receiveCapacity, promiscuous);
        _ports.Add(port);
        return port;
    }

    internal void Carry(BusPort sender, ReadOnlySpan<byte> frame)
    {
        var destination = MacAddress.Read(frame);
        foreach (var port in _ports)
        {
            if (port == sender || !port.LinkUp)
                continue;
            if (!port.Promiscuous && !destination.IsMulticast && destination != port.Mac)
                continue;
            Deliver(port, frame);
        }
    }

    private void Deliver(BusPort port, ReadOnlySpan<byte> frame)
    {
        var faults = Faults;
        if (faults.Loss > 0 && _random.NextDouble() < faults.Loss)
        {
            FramesLost++;
            return;
        }
        int copies = faults.Duplicate > 0 && _random.NextDouble() < faults.Duplicate ? 2 : 1;
        for (int i = 0; i < copies; i++)
        {
            byte[] copy = frame.ToArray();
            if (faults.Corruption > 0 && _random.NextDouble() < faults.Corruption)
                copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
            bool holdBack = faults.Reorder > 0 && _random.NextDouble() < faults.Reorder;
            if (port.Enqueue(copy, holdBack))
                FramesDelivered++;
            else
                FramesLost++;
        }
    }
}
