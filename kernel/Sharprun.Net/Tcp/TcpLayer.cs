using System.Security.Cryptography;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>
/// TCP (RFC 9293) for the stack: demultiplexes segments to connections and listeners, owns the port table and
/// the connections' timers. Every member is called with the stack's lock held; nothing here blocks or locks.
/// </summary>
public sealed class TcpLayer
{
    private const ushort EphemeralFirst = 49152, EphemeralLast = 65535;

    private readonly Dictionary<TcpConnectionKey, TcpConnection> _connections = [];
    private readonly List<TcpConnection> _timed = [];
    private readonly Dictionary<ushort, TcpPortBinding> _ports = [];
    private readonly Random _random;
    private readonly int _isnSecret;
    private ulong _armedDeadline = ulong.MaxValue;
    private bool _inTimers;
    private bool _pulsePending;
    private int _timeWait;
    private ulong _challengeSecond = ulong.MaxValue;
    private int _challengesThisSecond;

    public TcpLayer(ITcpNetwork network, TcpOptions? options = null)
    {
        Network = network;
        Options = options ?? new TcpOptions();
        _random = Options.RandomSeed is int seed ? new Random(seed) : new Random(RandomNumberGenerator.GetInt32(int.MaxValue));
        _isnSecret = _random.Next();
    }

    internal ITcpNetwork Network { get; }

    internal TcpOptions Options { get; }

    /// <summary>One segment is built at a time (the stack's lock), so one buffer serves every connection.</summary>
    internal byte[] Scratch { get; } = new byte[TcpHeaderWriter.MaximumHeaderSize + 65536];

    public int ConnectionCount => _connections.Count;

    public NetSocket CreateSocket(bool isV6) => new TcpSocket(this, isV6, new TcpSocketSettings(Options));

    public void Deliver(IpAddress source, IpAddress destination, ReadOnlySpan<byte> segment)
    {
        if (!TcpSegment.TryParse(segment, out var parsed))
            return;
        if (source.IsMulticast || source.IsAny || destination.IsMulticast || destination.IsAny || source.IsV4 != destination.IsV4 || destination == IpAddress.BroadcastV4)
            return;
        var key = new TcpConnectionKey(destination, parsed.DestinationPort, source, parsed.SourcePort);
        if (_connections.TryGetValue(key, out var connection))
        {
            // RFC 9293 §3.10.7.4 / RFC 6191: a new SYN may take over a TIME-WAIT tuple when it is beyond the old sequence space.
            if (!(connection.State == TcpState.TimeWait && connection.AcceptsNewIncarnation(parsed)))
            {
                connection.OnSegment(parsed);
                FlushPulse();
                return;
            }
            connection.Discard();
        }

        var listener = FindListener(destination, parsed.DestinationPort);
        if (listener != null)
        {
            if (parsed.Has(TcpFlags.Rst))
                return;
            if (parsed.Has(TcpFlags.Ack))
                SendReset(key, parsed.Acknowledgment, 0, withAck: false);
            else if (parsed.Has(TcpFlags.Syn))
                listener.OnSyn(key, parsed);
            FlushPulse();
            return;
        }
        RespondClosed(key, parsed);
    }

    public void OnPacketTooBig(IpAddress localSource, IpAddress remote, ushort remotePort, ushort localPort, int mtu)
    {
        if (_connections.TryGetValue(new TcpConnectionKey(localSource, localPort, remote, remotePort), out var connection))
            connection.OnPathMtu(mtu);
        FlushPulse();
    }

    public void OnDestinationUnreachable(IpAddress localSource, IpAddress remote, ushort remotePort, ushort localPort, bool hard)
    {
        if (_connections.TryGetValue(new TcpConnectionKey(localSource, localPort, remote, remotePort), out var connection))
            connection.OnUnreachable(hard);
        FlushPulse();
    }

    public ulong RunTimers()
    {
        ulong now = Network.NowNanoseconds;
        ulong next = ulong.MaxValue;
        _inTimers = true;
        // Backwards, so a connection that removes itself (swapping the last one into its slot) skips nobody.
        for (int i = _timed.Count - 1; i >= 0; i--)
        {
            if (i >= _timed.Count)
                continue;
            var connection = _timed[i];
            if (connection.NextDeadline <= now)
                connection.OnTimers(now);
            if (connection.TimerIndex >= 0)
                next = Math.Min(next, connection.NextDeadline);
        }
        _inTimers = false;
        _armedDeadline = next;
        FlushPulse();
        return next;
    }

    /// <summary>A connection armed a timer: wake the network thread if it is earlier than what it sleeps toward.</summary>
    internal void NoteDeadline(ulong at)
    {
        if (_inTimers || at >= _armedDeadline)
            return;
        _armedDeadline = at;
        Network.RequestWake();
    }

    internal void RequestPulse() => _pulsePending = true;

    internal void FlushPulse()
    {
        if (!_pulsePending)
            return;
        _pulsePending = false;
        Network.PulseWaiters();
    }

    /// <summary>RFC 5961 §7: a layer-wide budget of challenge ACKs per second.</summary>
    internal bool TryTakeChallengeAck()
    {
        ulong second = Network.NowNanoseconds / 1_000_000_000;
        if (second != _challengeSecond)
        {
            _challengeSecond = second;
            _challengesThisSecond = 0;
        }
        return _challengesThisSecond++ < Options.ChallengeAcksPerSecond;
    }

    internal bool TryEnterTimeWait()
    {
        if (_timeWait >= Options.MaximumTimeWait)
            return false;
        _timeWait++;
        return true;
    }

    internal void LeaveTimeWait() => _timeWait--;

    internal TcpConnection CreateConnection(TcpConnectionKey key, TcpSocketSettings settings, int mtu)
    {
        var connection = new TcpConnection(this, key, settings, InitialSequence(key), mtu);
        _connections.Add(key, connection);
        connection.TimerIndex = _timed.Count;
        _timed.Add(connection);
        Binding(key.LocalPort).Connections++;
        return connection;
    }

    internal void Remove(TcpConnection connection)
    {
        if (connection.TimerIndex < 0)
            return;
        _connections.Remove(connection.Key);
        int index = connection.TimerIndex;
        var last = _timed[^1];
        _timed[index] = last;
        last.TimerIndex = index;
        _timed.RemoveAt(_timed.Count - 1);
        connection.TimerIndex = -1;
        connection.Listener?.Forget(connection);
        if (_ports.TryGetValue(connection.Key.LocalPort, out var binding))
        {
            binding.Connections--;
            if (binding.IsUnused)
                _ports.Remove(connection.Key.LocalPort);
        }
    }

    /// <summary>RFC 6528: a clock that ticks every 4 µs plus a keyed hash of the four-tuple.</summary>
    private uint InitialSequence(TcpConnectionKey key) =>
        (uint)(Network.NowNanoseconds / 4000) + (uint)HashCode.Combine(_isnSecret, key);

    private TcpPortBinding Binding(ushort port)
    {
        if (!_ports.TryGetValue(port, out var binding))
        {
            binding = new TcpPortBinding();
            _ports.Add(port, binding);
        }
        return binding;
    }

    internal NetError Bind(TcpSocket socket, IpEndpoint local)
    {
        ushort port = local.Port;
        if (port == 0)
        {
            if (!TryPickEphemeralPort(out port))
                return NetError.AddressInUse;
        }
        else if (Conflicts(socket, local.Address, port))
        {
            return NetError.AddressInUse;
        }
        Binding(port).Sockets.Add(socket);
        socket.SetBound(new IpEndpoint(local.Address, port), inBindTable: true);
        return NetError.Success;
    }

    internal void Unbind(TcpSocket socket)
    {
        if (!socket.InBindTable)
            return;
        ushort port = socket.LocalEndpoint.Port;
        if (_ports.TryGetValue(port, out var binding))
        {
            binding.Sockets.Remove(socket);
            if (binding.IsUnused)
                _ports.Remove(port);
        }
    }

    /// <summary>
    /// Linux's rules: overlapping bindings conflict unless both sockets set ReuseAddress and the other is not
    /// listening; connections left on the port (TIME-WAIT, orphans) block it unless ReuseAddress is set.
    /// </summary>
    private bool Conflicts(TcpSocket socket, IpAddress address, ushort port)
    {
        if (!_ports.TryGetValue(port, out var binding))
            return false;
        foreach (var other in binding.Sockets)
        {
            if (other == socket || !other.Overlaps(socket, address))
                continue;
            if (!(socket.Settings.ReuseAddress && other.Settings.ReuseAddress && !other.IsListening))
                return true;
        }
        return binding.Connections > 0 && !socket.Settings.ReuseAddress;
    }

    internal bool HasOverlappingListener(TcpSocket socket)
    {
        if (!_ports.TryGetValue(socket.LocalEndpoint.Port, out var binding))
            return false;
        foreach (var other in binding.Sockets)
        {
            if (other != socket && other.IsListening && other.Overlaps(socket, socket.LocalEndpoint.Address))
                return true;
        }
        return false;
    }

    private bool TryPickEphemeralPort(out ushort port)
    {
        int range = EphemeralLast - EphemeralFirst + 1;
        int start = _random.Next(range);
        for (int i = 0; i < range; i++)
        {
            port = (ushort)(EphemeralFirst + (start + i) % range);
            if (!_ports.ContainsKey(port))
                return true;
        }
        port = 0;
        return false;
    }

    internal NetError Connect(TcpSocket socket, IpEndpoint remote, out TcpConnection? connection)
    {
        connection = null;
        if (!Network.TryRoute(remote.Address, out var source, out int mtu))
            return NetError.NetworkUnreachable;
        if (!socket.IsBound)
        {
            NetError bound = Bind(socket, new IpEndpoint(socket.IsV6 && !remote.Address.IsV4 ? IpAddress.AnyV6 : IpAddress.AnyV4, 0));
            if (bound != NetError.Success)
                return bound;
        }
        IpAddress localAddress = socket.LocalEndpoint.Address.IsAny ? source : socket.LocalEndpoint.Address;
        var key = new TcpConnectionKey(localAddress, socket.LocalEndpoint.Port, remote.Address, remote.Port);
        if (_connections.TryGetValue(key, out var existing))
        {
            if (existing.State != TcpState.TimeWait)
                return NetError.AddressNotAvailable;
            existing.Discard();
        }
        connection = CreateConnection(key, socket.Settings, mtu);
        connection.Owner = socket;
        socket.SetBound(new IpEndpoint(localAddress, key.LocalPort), socket.InBindTable);
        return NetError.InProgress;
    }

    private TcpListenQueue? FindListener(IpAddress destination, ushort port)
    {
        if (!_ports.TryGetValue(port, out var binding))
            return null;
        TcpListenQueue? wildcard = null;
        foreach (var socket in binding.Sockets)
        {
            if (socket.ListenQueue is not { } queue || !socket.Covers(destination))
                continue;
            if (!socket.LocalEndpoint.Address.IsAny)
                return queue;
            wildcard ??= queue;
        }
        return wildcard;
    }

    /// <summary>RFC 9293 §3.10.7.1: a segment for no connection and no listener is answered with a RST (never a RST for a RST).</summary>
    private void RespondClosed(TcpConnectionKey key, in TcpSegment segment)
    {
        if (segment.Has(TcpFlags.Rst))
            return;
        if (segment.Has(TcpFlags.Ack))
            SendReset(key, segment.Acknowledgment, 0, withAck: false);
        else
            SendReset(key, 0, segment.Sequence + segment.SequenceLength, withAck: true);
    }

    internal void SendReset(TcpConnectionKey key, uint sequence, uint acknowledgment, bool withAck)
    {
        Span<byte> buffer = Scratch;
        var flags = TcpFlags.Rst | (withAck ? TcpFlags.Ack : TcpFlags.None);
        int length = TcpHeaderWriter.Write(buffer, key.LocalPort, key.RemotePort, sequence, acknowledgment, flags, 0, OutgoingTcpOptions.None);
        TcpHeaderWriter.FillChecksum(buffer[..length], key.LocalAddress, key.RemoteAddress);
        Network.TrySend(key.LocalAddress, key.RemoteAddress, buffer[..length]);
    }
}
