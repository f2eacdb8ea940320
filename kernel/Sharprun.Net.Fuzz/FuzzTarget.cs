using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Dns;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Links;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// One network stack as a fuzz target, built the same way for every input: eth0 static 10.0.2.15/24 (gateway
/// 10.0.2.2, DNS 10.0.2.3), eth1 on DHCP, a UDP echo socket on port 7, a TCP echo listener on port 80 (when TCP is
/// there), a DNS lookup and a ping in flight. Its Random is seeded, so the IDs, ports and ISNs it picks are the same
/// on every run and a recorded input replays exactly. Every step checks the invariants and throws
/// <see cref="InvariantViolationException"/> when one breaks.
/// </summary>
public sealed class FuzzTarget
{
    public const int Seed = 1;
    public const ushort UdpEchoPort = 7;
    public const ushort TcpEchoPort = 80;
    public const string LookedUpName = "example.com";
    public const ushort EchoIdentifier = 0x5352;

    /// <summary>The managed heap may not grow past this during a run: every queue of the stack is bounded well below it.</summary>
    public const long MaxHeapBytes = 512L * 1024 * 1024;

    /// <summary>Polls in a row that may ask to run again at once before the stack counts as livelocked.</summary>
    private const int MaxImmediatePolls = 1000;

    /// <summary>Timer deadlines followed after the last record (retransmissions, expiries), and how far ahead at most.</summary>
    private const int SettleRounds = 16;
    private const ulong SettleHorizon = 600 * VirtualClock.NanosecondsPerSecond;

    /// <summary>Time always moves a little between records, as it does between real frames.</summary>
    private const ulong MinimumStep = 10_000;

    public static readonly MacAddress Eth0Mac = new(0x52_54_00_12_34_56);
    public static readonly MacAddress Eth1Mac = new(0x52_54_00_12_34_57);
    public static readonly IpAddress Address = IpAddress.FromV4(0x0A00_020F);
    public static readonly IpAddress Gateway = IpAddress.FromV4(0x0A00_0202);
    public static readonly IpAddress DnsServer = IpAddress.FromV4(0x0A00_0203);

    private readonly VirtualClock _clock = new();
    private readonly NetworkStack _stack;
    private readonly FuzzLink[] _links = [new("eth0", Eth0Mac), new("eth1", Eth1Mac)];
    private readonly NetSocket _udp;
    private readonly NetSocket? _listener;
    private readonly List<NetSocket> _connections = [];
    private readonly DnsQuery _lookup;
    private readonly byte[] _frame = new byte[FrameRecord.MaxLength];
    private readonly byte[] _data = new byte[65536];
    private bool _wakeRequested;
    private ulong _deadline;

    public FuzzTarget(bool capture = false)
    {
        FaultWitness.Install();
        FaultWitness.Take();
        if (capture)
            foreach (var link in _links)
                link.Captured = [];
        _stack = new NetworkStack(_clock, null, new Random(Seed)) { WakeRequested = () => _wakeRequested = true };
        lock (_stack.Sync)
        {
            _stack.AddInterface(_links[0], InterfaceConfiguration.Static(Address, 24, Gateway, [DnsServer]));
            _stack.AddInterface(_links[1], InterfaceConfiguration.Dhcp);
            _udp = _stack.CreateSocket(SocketKind.Udp, isV6: true);
            Require(_udp.Bind(new IpEndpoint(IpAddress.AnyV6, UdpEchoPort)), "bind UDP");
            _listener = TryListen();
            _lookup = _stack.Resolver.Begin(LookedUpName, DnsFamily.Any);
            Require(_stack.SendEcho(Gateway, EchoIdentifier, 1, "sharprun"u8), "ping");
            Step();
        }
    }

    public NetworkStack Stack => _stack;

    public FuzzLink Eth0 => _links[0];

    public FuzzLink Eth1 => _links[1];

    public bool HasTcp => _listener is not null;

    /// <summary>The lookup of <see cref="LookedUpName"/> begun at setup.</summary>
    public DnsQuery Lookup => _lookup;

    /// <summary>Connections the TCP listener accepted and the harness still holds.</summary>
    public int OpenConnections => _connections.Count;

    public long FramesFed { get; private set; }

    /// <summary>Feeds every record of <paramref name="input"/>, follows the timers, then closes every socket.</summary>
    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var record in FrameRecord.Split(input))
            Feed(record, input.Slice(record.Offset, record.Length));
        lock (_stack.Sync)
        {
            for (int round = 0; round < SettleRounds && _deadline != ulong.MaxValue && _deadline - _clock.NowNanoseconds <= SettleHorizon; round++)
            {
                _clock.AdvanceTo(_deadline);
                Step();
            }
            foreach (var connection in _connections)
                connection.Close();
            _connections.Clear();
            _listener?.Close();
            _udp.Close();
            if (!_lookup.IsComplete)
                _lookup.Cancel();
            Step();
        }
    }

    /// <summary>One record: time moves on, the frame arrives (if any), the stack polls and the sockets are served.</summary>
    public void Feed(FrameRecord record, ReadOnlySpan<byte> frame)
    {
        lock (_stack.Sync)
        {
            _clock.Advance(MinimumStep + record.AdvanceNanoseconds);
            var link = _links[record.Interface];
            if (frame.Length > 0)
            {
                // A NIC delivers at most what its buffer holds; the rest of a longer record is not on the wire.
                var delivered = _frame.AsSpan(0, Math.Min(frame.Length, link.MaxFrameLength));
                frame[..delivered.Length].CopyTo(delivered);
                if (record.RepairChecksums)
                    ChecksumRepair.Repair(delivered);
                link.Offer(delivered, record.ChecksumVerified);
                FramesFed++;
            }
            Step();
            if (FramesFed % 256 == 0 && GC.GetTotalMemory(false) > MaxHeapBytes)
                throw new InvariantViolationException($"the managed heap grew past {MaxHeapBytes >> 20} MiB after {FramesFed} frames");
        }
    }

    /// <summary>Polls until the stack has nothing to do now, serving the sockets after each pass.</summary>
    private void Step()
    {
        for (int passes = 0; ; passes++)
        {
            if (passes == MaxImmediatePolls)
                throw new InvariantViolationException($"Poll still had work due at once after {MaxImmediatePolls} passes (livelock)");
            _wakeRequested = false;
            ulong deadline;
            try
            {
                deadline = _stack.Poll();
            }
            catch (Exception exception)
            {
                throw new InvariantViolationException("an exception escaped Poll", exception);
            }
            CheckInvariants();
            Serve();
            CheckInvariants();
            _deadline = deadline;
            if (deadline > _clock.NowNanoseconds && !_wakeRequested)
                return;
        }
    }

    private void CheckInvariants()
    {
        if (_stack.Statistics[DropReason.InternalFault] != 0)
            throw new InvariantViolationException($"a handler failed (InternalFault); stats: {_stack.Statistics}", FaultWitness.Take());
        foreach (var link in _links)
            if (link.Violation is { } violation)
                throw new InvariantViolationException(violation);
    }

    /// <summary>What an application would do: echo every datagram and every byte back, accept every connection, close at end of stream.</summary>
    private void Serve()
    {
        while (_udp.Receive(_data, peek: false, out int received, out var from, out _) == NetError.Success)
            _udp.Send(_data.AsSpan(0, received), from, out _);
        if (_listener is not null)
            while (_listener.Accept(out var accepted) == NetError.Success && accepted is not null)
                _connections.Add(accepted);
        for (int i = _connections.Count - 1; i >= 0; i--)
        {
            var connection = _connections[i];
            NetError error;
            int received;
            while ((error = connection.Receive(_data, peek: false, out received, out _, out _)) == NetError.Success && received > 0)
                connection.Send(_data.AsSpan(0, received), null, out _);
            if (error != NetError.WouldBlock)
            {
                connection.Close();
                _connections.RemoveAt(i);
            }
        }
    }

    private NetSocket? TryListen()
    {
        NetSocket listener;
        try
        {
            listener = _stack.CreateSocket(SocketKind.Tcp, isV6: true);
        }
        catch (NotSupportedException)
        {
            // TCP not merged into this stack yet: the harness fuzzes the rest.
            return null;
        }
        Require(listener.Bind(new IpEndpoint(IpAddress.AnyV6, TcpEchoPort)), "bind TCP");
        Require(listener.Listen(16), "listen");
        return listener;
    }

    private static void Require(NetError error, string what)
    {
        if (error != NetError.Success)
            throw new InvalidOperationException($"harness setup: {what} failed with {error}");
    }
}
