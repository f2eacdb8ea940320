using Xunit;
using Sharprun.Net.Addressing;
using Sharprun.Net.Tcp;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>An IP layer for one TcpLayer: one local address, a route to everything, segments recorded and handed to <see cref="Transmit"/>.</summary>
internal sealed class FakeTcpNetwork(VirtualClock clock, IpAddress localAddress, int mtu = 1500) : ITcpNetwork
{
    public IpAddress LocalAddress { get; } = localAddress;

    public int Mtu { get; set; } = mtu;

    public bool HasRoute { get; set; } = true;

    /// <summary>Every segment sent, unless <see cref="Record"/> is off (fuzzing keeps memory flat).</summary>
    public List<SentSegment> Sent { get; } = [];

    public bool Record { get; set; } = true;

    public long SentCount { get; private set; }

    public Action<SentSegment>? Transmit { get; set; }

    public int Wakes { get; private set; }

    public int Pulses { get; private set; }

    public ulong NowNanoseconds => clock.Now;

    public bool TrySend(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment)
    {
        Assert.True(SegmentBuilder.ChecksumVerifies(source, destination, segment), "bad checksum on a sent segment");
        SentCount++;
        var sent = new SentSegment(source, destination, segment.ToArray(), clock.Now);
        if (Record)
            Sent.Add(sent);
        Transmit?.Invoke(sent);
        return true;
    }

    public bool TryRoute(IpAddress destination, out IpAddress source, out int mtu)
    {
        source = LocalAddress;
        mtu = Mtu;
        return HasRoute;
    }

    public void RequestWake() => Wakes++;

    public void PulseWaiters() => Pulses++;
}
