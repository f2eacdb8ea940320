using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>
/// One connection's control block (RFC 9293 §3.3.1) and its state machine. This file holds the state and what
/// the socket asks of it; segment arrival, transmission and timers are in the other TcpConnection.*.cs files.
/// </summary>
internal sealed partial class TcpConnection
{
    private const ulong NoDeadline = ulong.MaxValue;

    private readonly TcpLayer _layer;
    private readonly ByteRing _send;
    private readonly ReceiveBuffer _receive;
    private readonly SequenceRangeSet _peerSacked;
    private readonly RetransmissionTimeout _rto;
    private NewRenoCongestionControl _congestion;

    // Send sequence space (RFC 9293 §3.3.1) plus what NewReno and go-back-N need.
    private readonly uint _iss;
    private uint _sndUna, _sndNxt, _sndMax, _sndWnd, _sndWl1, _sndWl2, _maxSndWnd;
    /// <summary>The sequence number of the send ring's first byte.</summary>
    private uint _sendStart;
    private int _sndShift;
    private bool _finQueued, _finAcked;
    private uint _finSequence;

    // Receive sequence space.
    private uint _rcvNxt, _rcvAdvertisedEdge;
    private int _rcvShift;
    private bool _peerFinPending;
    private uint _peerFinSequence;
    private int _rcvMss = 536;
    private int _unackedBytes;
    private bool _ackNow;

    // Negotiated options.
    private bool _sackEnabled, _timestampsEnabled;
    private uint _tsRecent;
    private int _peerMss, _routeMss;

    // Loss recovery.
    private int _duplicateAcks;
    private uint _recoveryNext;
    private bool _timing;
    private uint _timedSequence;
    private ulong _timedAt;
    private int _retries;
    private int _persistBackoff;

    // Timers, as network-clock deadlines.
    private ulong _retransmitAt = NoDeadline, _persistAt = NoDeadline, _delayedAckAt = NoDeadline, _keepAliveAt = NoDeadline, _lifetimeAt = NoDeadline;
    private ulong _probeAt = NoDeadline;
    /// <summary>A tail loss probe went out since the last new ACK (one per flight, RFC 8985 §7).</summary>
    private bool _probeSent;
    private ulong _lastReceiveAt;
    private ulong _lastDataSentAt;
    private int _keepAliveProbes;
    private bool _sendBlocked;
    private bool _windowScaling;
    /// <summary>The application closed the socket: nobody will read again.</summary>
    private bool _orphaned;
    private uint _lastAckSent;
    /// <summary>An ICMP error seen on the way: what a timeout reports instead of TimedOut (Linux's soft error).</summary>
    private NetError _softError;

    public TcpConnection(TcpLayer layer, TcpConnectionKey key, TcpSocketSettings settings, uint iss, int routeMtu)
    {
        _layer = layer;
        Key = key;
        Settings = settings;
        _iss = iss;
        _sndUna = _sndNxt = _sndMax = iss;
        _sendStart = iss + 1;
        _send = new ByteRing(settings.SendBufferSize);
        _receive = new ReceiveBuffer(settings.ReceiveBufferSize, layer.Options.MaximumOutOfOrderRanges);
        _peerSacked = new SequenceRangeSet(layer.Options.MaximumOutOfOrderRanges);
        _rto = new RetransmissionTimeout(layer.Options);
        _routeMss = MssForMtu(routeMtu);
        _peerMss = key.RemoteAddress.IsV4 ? 536 : 1220;
        _congestion = new NewRenoCongestionControl(SendMss, iss);
        while (_rcvShift < 14 && (settings.ReceiveBufferSize >> _rcvShift) > 65535)
            _rcvShift++;
        _lastReceiveAt = layer.Network.NowNanoseconds;
    }

    public TcpConnectionKey Key { get; }

    public TcpState State { get; private set; }

    public TcpSocketSettings Settings { get; }

    /// <summary>The socket that owns the connection; null while it waits for accept and after the socket closed.</summary>
    public TcpSocket? Owner { get; set; }

    /// <summary>The listener holding the connection while half-open or waiting for accept.</summary>
    public TcpListenQueue? Listener { get; set; }

    /// <summary>The position in the layer's timer list.</summary>
    public int TimerIndex { get; set; } = -1;

    /// <summary>The node in the listener's half-open list.</summary>
    public LinkedListNode<TcpConnection>? HalfOpenNode { get; set; }

    /// <summary>Why the connection ended, when it did not end in an orderly close.</summary>
    public NetError Failure { get; private set; }

    public bool FinReceived { get; private set; }

    /// <summary>The application may send no more (shutdown or close).</summary>
    public bool SendShut => _finQueued;

    public int ReadableBytes => _receive.Count;

    /// <summary>Synchronized and not yet failed: the handshake is done.</summary>
    public bool IsEstablished => State is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.FinWait2
        or TcpState.Closing or TcpState.LastAck or TcpState.TimeWait;

    /// <summary>Payload bytes per segment without SACK blocks: the smaller MSS of the two sides, less the timestamp option.</summary>
    private int SendMss => Math.Max(64, Math.Min(_peerMss, _routeMss) - (_timestampsEnabled ? 12 : 0));

    private int MssForMtu(int mtu) => Math.Max(mtu, Key.RemoteAddress.IsV4 ? 576 : 1280) - (Key.RemoteAddress.IsV4 ? 40 : 60);

    private ulong Now => _layer.Network.NowNanoseconds;

    /// <summary>Active open: sends the SYN.</summary>
    public void Open()
    {
        State = TcpState.SynSent;
        Output();
    }

    /// <summary>Queues application bytes; returns how many fit.</summary>
    public int Enqueue(ReadOnlySpan<byte> data)
    {
        int n = _send.Append(data);
        if (n < data.Length)
            _sendBlocked = true;
        if (n > 0)
            Output();
        return n;
    }

    public int Read(Span<byte> destination, bool peek)
    {
        int before = _receive.Window;
        int n = _receive.Read(destination, peek);
        if (n > 0 && !peek)
            OnWindowOpened(before);
        return n;
    }

    /// <summary>Sends a window update once reading opened the window enough to matter (RFC 1122 §4.2.3.3 receiver SWS avoidance).</summary>
    private void OnWindowOpened(int windowBefore)
    {
        if (State is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2))
            return;
        int window = _receive.Window;
        int advertised = (int)(_rcvAdvertisedEdge - _rcvNxt);
        int threshold = Math.Min(_receive.Limit / 2, 2 * SendMss);
        if (window - advertised >= threshold || (windowBefore < SendMss && window >= SendMss))
        {
            _ackNow = true;
            Output();
        }
    }

    /// <summary>Shutdown of the sending side: queues the FIN (RFC 9293 §3.10.4).</summary>
    public void ShutdownSend()
    {
        if (_finQueued)
            return;
        switch (State)
        {
            case TcpState.SynSent:
                Terminate(NetError.Success);
                return;
            case TcpState.SynReceived:
                // The FIN waits for the handshake to finish (RFC 9293 §3.10.4); establishment moves on to FIN-WAIT-1.
                _finQueued = true;
                _finSequence = _sendStart + (uint)_send.Count;
                return;
            case TcpState.Established:
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                State = TcpState.LastAck;
                break;
            default:
                return;
        }
        _finQueued = true;
        _finSequence = _sendStart + (uint)_send.Count;
        Output();
    }

    /// <summary>The socket closed: the connection finishes on its own, with a FIN-WAIT-2 time limit like Linux's.</summary>
    public void Orphan()
    {
        Owner = null;
        _orphaned = true;
        _receive.Release();
        ShutdownSend();
        if (State == TcpState.FinWait2)
            ArmLifetime(Now + Ticks(_layer.Options.OrphanFinWait2Timeout));
    }

    /// <summary>Abortive close: a RST to the peer (unless the handshake never finished) and the connection is gone.</summary>
    public void Abort(NetError reason)
    {
        if (State is not (TcpState.Closed or TcpState.SynSent or TcpState.TimeWait))
            SendSegment(_sndNxt, TcpFlags.Rst | TcpFlags.Ack, 0, 0);
        Terminate(reason);
    }

    public void SetSendBufferSize(int size) => _send.Limit = size;

    /// <summary>Ends the connection silently (a half-open connection pushed out of a listener).</summary>
    public void Discard() => Terminate(NetError.Success);

    public void OnKeepAliveChanged()
    {
        if (Settings.KeepAlive && IsEstablished && State != TcpState.TimeWait)
        {
            _keepAliveProbes = 0;
            ArmKeepAlive(_lastReceiveAt + (ulong)Math.Max(1, Settings.KeepAliveIdleSeconds) * 1_000_000_000);
        }
        else
        {
            _keepAliveAt = NoDeadline;
        }
    }

    /// <summary>ICMP says the path MTU is smaller: segments shrink and what was in flight is resent at once.</summary>
    public void OnPathMtu(int mtu)
    {
        int mss = MssForMtu(mtu);
        if (mss >= _routeMss)
            return;
        _routeMss = mss;
        _congestion.SetMss(SendMss);
        if (_sndUna != _sndMax && IsEstablished)
        {
            _sndNxt = _sndUna;
            _timing = false;
            Output();
        }
    }

    public void OnUnreachable(bool hard)
    {
        if (hard && State is TcpState.SynSent or TcpState.SynReceived)
            Terminate(NetError.HostUnreachable);
        else
            _softError = NetError.HostUnreachable;
    }

    /// <summary>The connection is over: it leaves the layer, and the owner hears why.</summary>
    private void Terminate(NetError reason)
    {
        if (State == TcpState.Closed)
            return;
        if (State == TcpState.TimeWait)
            _layer.LeaveTimeWait();
        State = TcpState.Closed;
        Failure = reason;
        _retransmitAt = _persistAt = _delayedAckAt = _keepAliveAt = _lifetimeAt = _probeAt = NoDeadline;
        _send.Release();
        _layer.Remove(this);
        Owner?.OnConnectionEnded(reason);
        _layer.RequestPulse();
    }

    private void EnterTimeWait()
    {
        if (!_layer.TryEnterTimeWait())
        {
            SendAck();
            Terminate(NetError.Success);
            return;
        }
        State = TcpState.TimeWait;
        _retransmitAt = _persistAt = _keepAliveAt = _probeAt = NoDeadline;
        _send.Release();
        ArmLifetime(Now + 2 * Ticks(_layer.Options.MaximumSegmentLifetime));
        Raise(Readiness.Hangup | Readiness.Readable | Readiness.ReadHangup);
    }

    private void Raise(Readiness readiness)
    {
        Owner?.Raise(readiness);
        _layer.RequestPulse();
    }

    private static ulong Ticks(TimeSpan span) => (ulong)span.Ticks * 100;
}
