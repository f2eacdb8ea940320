using Xunit;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tcp;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>
/// Two TcpLayers (A = 10.0.0.1, B = 10.0.0.2) joined by a simulated link on a virtual clock: latency each way,
/// seeded loss, reordering and duplication, and a filter for scripted drops.
/// </summary>
internal sealed class TcpTestBed
{
    public static readonly IpAddress AddressA = IpAddress.FromV4(0x0A00_0001);
    public static readonly IpAddress AddressB = IpAddress.FromV4(0x0A00_0002);

    private readonly PriorityQueue<(SentSegment Segment, TcpLayer Target), (ulong At, long Order)> _inFlight = new();
    private readonly Random _random;
    private long _order;
    private ulong _deadlineA = ulong.MaxValue, _deadlineB = ulong.MaxValue;

    public TcpTestBed(TcpOptions? options = null, int seed = 1, int mtu = 1500)
    {
        _random = new Random(seed);
        NetworkA = new FakeTcpNetwork(Clock, AddressA, mtu);
        NetworkB = new FakeTcpNetwork(Clock, AddressB, mtu);
        A = new TcpLayer(NetworkA, options ?? FastOptions());
        B = new TcpLayer(NetworkB, options ?? FastOptions());
        NetworkA.Transmit = s => Carry(s, B);
        NetworkB.Transmit = s => Carry(s, A);
    }

    public static TcpOptions FastOptions() => new() { MaximumSegmentLifetime = TimeSpan.FromSeconds(1), RandomSeed = 7 };

    public VirtualClock Clock { get; } = new();
    public FakeTcpNetwork NetworkA { get; }
    public FakeTcpNetwork NetworkB { get; }
    public TcpLayer A { get; }
    public TcpLayer B { get; }

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(1);
    public double LossRate { get; set; }
    public double ReorderRate { get; set; }
    public double DuplicateRate { get; set; }

    /// <summary>Segments whose bytes a hostile middlebox changes, fixing the checksum so the layer sees them.</summary>
    public double CorruptionRate { get; set; }

    /// <summary>Returns true to drop a segment (after it was recorded as sent).</summary>
    public Func<SentSegment, bool>? Drop { get; set; }

    public int Dropped { get; private set; }

    private void Carry(SentSegment segment, TcpLayer target)
    {
        if (Drop?.Invoke(segment) == true || (LossRate > 0 && _random.NextDouble() < LossRate))
        {
            Dropped++;
            return;
        }
        if (CorruptionRate > 0 && _random.NextDouble() < CorruptionRate)
        {
            var bytes = segment.Bytes.ToArray();
            for (int flips = _random.Next(1, 4); flips > 0; flips--)
                bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
            segment = segment with { Bytes = SegmentBuilder.WithChecksum(segment.Source, segment.Destination, bytes) };
        }
        ulong at = Clock.Now + (ulong)Latency.Ticks * 100;
        if (ReorderRate > 0 && _random.NextDouble() < ReorderRate)
            at += (ulong)_random.Next(1, 3_000_000);
        _inFlight.Enqueue((segment, target), (at, _order++));
        if (DuplicateRate > 0 && _random.NextDouble() < DuplicateRate)
            _inFlight.Enqueue((segment, target), (at + 100_000, _order++));
    }

    /// <summary>Delivers segments and runs timers until <paramref name="done"/> holds or <paramref name="limit"/> of virtual time passed.</summary>
    public bool Run(Func<bool> done, TimeSpan limit)
    {
        ulong end = Clock.Now + (ulong)limit.Ticks * 100;
        while (true)
        {
            DeliverDue();
            if (done())
                return true;
            ulong next = Math.Min(_deadlineA, _deadlineB);
            if (_inFlight.TryPeek(out _, out var head))
                next = Math.Min(next, head.At);
            if (next > end)
            {
                Clock.Now = end;
                DeliverDue();
                return done();
            }
            Clock.Now = Math.Max(Clock.Now, next);
        }
    }

    /// <summary>Lets <paramref name="span"/> of virtual time pass with everything running.</summary>
    public void RunFor(TimeSpan span) => Run(() => false, span);

    private void DeliverDue()
    {
        do
        {
            while (_inFlight.TryPeek(out var item, out var key) && key.At <= Clock.Now)
            {
                _inFlight.Dequeue();
                item.Target.Deliver(item.Segment.Source, item.Segment.Destination, item.Segment.Bytes);
            }
            _deadlineA = A.RunTimers();
            _deadlineB = B.RunTimers();
        }
        while (_inFlight.TryPeek(out _, out var next) && next.At <= Clock.Now);
    }

    /// <summary>A listener on B:80 and a client on A connected to it; runs until both ends are established.</summary>
    public (NetSocket Client, NetSocket Server, NetSocket Listener) Connect(Action<NetSocket>? configureClient = null, Action<NetSocket>? configureListener = null)
    {
        var listener = B.CreateSocket(isV6: false);
        configureListener?.Invoke(listener);
        Assert.Equal(NetError.Success, listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80)));
        Assert.Equal(NetError.Success, listener.Listen(16));
        var client = A.CreateSocket(isV6: false);
        configureClient?.Invoke(client);
        Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(AddressB, 80)));
        NetSocket? server = null;
        Assert.True(Run(() => (client.Readiness & Readiness.Writable) != 0 && listener.Accept(out server) == NetError.Success, TimeSpan.FromSeconds(5)));
        return (client, server!, listener);
    }
}
