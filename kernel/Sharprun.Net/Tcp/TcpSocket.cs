using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>
/// The stream socket the PAL drives: unbound, bound, listening (with a <see cref="TcpListenQueue"/>) or attached to a
/// <see cref="TcpConnection"/>. Reports readiness, errors and errno values the way Linux does.
/// </summary>
internal sealed class TcpSocket : NetSocket
{
    private const int MinimumBufferSize = 4096, MaximumBufferSize = 16 * 1024 * 1024;

    private readonly TcpLayer _layer;
    private IpEndpoint _local;
    private TcpListenQueue? _listen;
    private TcpConnection? _connection;
    private NetError _pendingError;
    private bool _receiveShut;
    private bool _closed;

    public TcpSocket(TcpLayer layer, bool isV6, TcpSocketSettings settings) : base(SocketKind.Tcp, isV6)
    {
        _layer = layer;
        Settings = settings;
        _local = new IpEndpoint(isV6 ? IpAddress.AnyV6 : IpAddress.AnyV4, 0);
    }

    /// <summary>The socket accept returns for an established connection.</summary>
    public TcpSocket(TcpLayer layer, TcpSocket listener, TcpConnection connection) : this(layer, listener.IsV6, connection.Settings)
    {
        _connection = connection;
        _local = new IpEndpoint(connection.Key.LocalAddress, connection.Key.LocalPort);
        IsBound = true;
        connection.Owner = this;
        if (connection.State == TcpState.Closed && connection.Failure != NetError.Success)
            _pendingError = connection.Failure;
    }

    public TcpSocketSettings Settings { get; }

    /// <summary>Holds a port in the layer's bind table.</summary>
    public bool IsBound { get; private set; }

    /// <summary>Registered in the layer's bind table (accepted sockets share their listener's port and are not).</summary>
    public bool InBindTable { get; private set; }

    public bool IsListening => _listen != null;

    public TcpListenQueue? ListenQueue => _listen;

    public override Readiness Readiness
    {
        get
        {
            if (_listen != null)
                return _listen.ReadyCount > 0 ? Readiness.Readable : Readiness.None;
            var r = _pendingError != NetError.Success ? Readiness.Error : Readiness.None;
            var c = _connection;
            if (c == null)
                return r | Readiness.Writable | Readiness.Hangup;
            if (c.State is TcpState.SynSent or TcpState.SynReceived)
                return r;
            // Linux's tcp_done shuts both directions: readable, writable, read-hangup and hangup.
            if (c.State == TcpState.Closed && c.Failure != NetError.Success)
                return r | Readiness.Readable | Readiness.Writable | Readiness.Hangup | Readiness.ReadHangup;
            bool readShut = c.FinReceived || _receiveShut;
            if (c.ReadableBytes > 0 || readShut)
                r |= Readiness.Readable;
            if (readShut)
                r |= Readiness.ReadHangup;
            if (c.SendShut || c.State == TcpState.Closed || c.IsWritable)
                r |= Readiness.Writable;
            if ((readShut && c.SendShut) || c.State == TcpState.Closed)
                r |= Readiness.Hangup;
            return r;
        }
    }

    public override IpEndpoint LocalEndpoint => _local;

    public override IpEndpoint? RemoteEndpoint => _connection is { } c ? new IpEndpoint(c.Key.RemoteAddress, c.Key.RemotePort) : null;

    public void SetBound(IpEndpoint local, bool inBindTable)
    {
        _local = local;
        IsBound = true;
        InBindTable = inBindTable;
    }

    public void Raise(Readiness readiness) => RaiseReadiness(readiness);

    /// <summary>The connection left the layer; a failure becomes the pending error (SO_ERROR).</summary>
    public void OnConnectionEnded(NetError reason)
    {
        if (reason != NetError.Success)
            _pendingError = reason;
        Raise(Readiness.Readable | Readiness.Writable | Readiness.Hangup | Readiness.ReadHangup | (reason != NetError.Success ? Readiness.Error : Readiness.None));
    }

    /// <summary>True when <paramref name="address"/> falls under this socket's bound address (wildcards by family).</summary>
    public bool Covers(IpAddress address)
    {
        IpAddress bound = _local.Address;
        if (!bound.IsAny)
            return bound == address;
        return address.IsV4 ? !IsV6 || !Settings.V6Only : IsV6;
    }

    /// <summary>Two bindings overlap when some address falls under both.</summary>
    public bool Overlaps(TcpSocket other, IpAddress address)
    {
        IpAddress mine = _local.Address;
        if (!mine.IsAny && !address.IsAny)
            return mine == address;
        if (!mine.IsAny)
            return other.CoversCandidate(address, mine);
        if (!address.IsAny)
            return Covers(address);
        bool myV4 = !IsV6 || !Settings.V6Only, myV6 = IsV6;
        bool theirV4 = !other.IsV6 || !other.Settings.V6Only, theirV6 = other.IsV6;
        return (myV4 && theirV4) || (myV6 && theirV6);
    }

    /// <summary>Whether a wildcard <paramref name="candidate"/> bound by this socket would cover <paramref name="address"/>.</summary>
    private bool CoversCandidate(IpAddress candidate, IpAddress address) =>
        !candidate.IsAny ? candidate == address : address.IsV4 ? !IsV6 || !Settings.V6Only : IsV6;

    public override NetError Bind(IpEndpoint local)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (IsBound || _connection != null)
            return NetError.InvalidArgument;
        if (!IsV6 && !local.Address.IsV4)
            return NetError.AddressFamilyNotSupported;
        if (IsV6 && Settings.V6Only && local.Address.IsV4)
            return NetError.InvalidArgument;
        return _layer.Bind(this, local);
    }

    public override NetError Connect(IpEndpoint remote)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (_listen != null)
            return NetError.IsConnected;
        if (_connection != null)
        {
            if (_connection.State is TcpState.SynSent or TcpState.SynReceived)
                return NetError.Already;
            if (_connection.State != TcpState.Closed || _connection.Failure is NetError.Success or NetError.ConnectionReset)
                return NetError.IsConnected;
            // A connect that failed may be tried again, as on Linux.
            _connection = null;
            _pendingError = NetError.Success;
        }
        if (!IsV6 && !remote.Address.IsV4)
            return NetError.AddressFamilyNotSupported;
        if (IsV6 && Settings.V6Only && remote.Address.IsV4)
            return NetError.NetworkUnreachable;
        if (remote.Port == 0 || remote.Address.IsAny || remote.Address.IsMulticast)
            return NetError.AddressNotAvailable;
        NetError result = _layer.Connect(this, remote, out var connection);
        if (connection != null)
        {
            _connection = connection;
            connection.Open();
        }
        _layer.FlushPulse();
        return result;
    }

    public override NetError Listen(int backlog)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (_connection != null)
            return NetError.InvalidArgument;
        int bounded = Math.Clamp(backlog, 1, _layer.Options.MaximumBacklog);
        if (_listen != null)
        {
            _listen.Backlog = bounded;
            return NetError.Success;
        }
        if (!IsBound)
        {
            NetError bound = _layer.Bind(this, _local);
            if (bound != NetError.Success)
                return bound;
        }
        if (_layer.HasOverlappingListener(this))
            return NetError.AddressInUse;
        _listen = new TcpListenQueue(_layer, this, bounded);
        return NetError.Success;
    }

    public override NetError Accept(out NetSocket? accepted)
    {
        accepted = null;
        if (_listen == null)
            return NetError.InvalidArgument;
        var connection = _listen.Dequeue();
        if (connection == null)
            return NetError.WouldBlock;
        accepted = new TcpSocket(_layer, this, connection);
        return NetError.Success;
    }

    public override NetError Send(ReadOnlySpan<byte> data, IpEndpoint? to, out int sent)
    {
        sent = 0;
        if (_closed)
            return NetError.BadDescriptor;
        var c = _connection;
        if (c == null)
            return NetError.NotConnected;
        if (TakePendingError(out NetError error))
            return error;
        if (c.State is TcpState.SynSent or TcpState.SynReceived)
            return NetError.WouldBlock;
        if (c.SendShut || c.State == TcpState.Closed)
            return NetError.BrokenPipe;
        if (data.IsEmpty)
            return NetError.Success;
        sent = c.Enqueue(data);
        _layer.FlushPulse();
        return sent == 0 ? NetError.WouldBlock : NetError.Success;
    }

    public override NetError Receive(Span<byte> buffer, bool peek, out int received, out IpEndpoint from, out bool truncated)
    {
        received = 0;
        truncated = false;
        from = RemoteEndpoint ?? default;
        if (_closed)
            return NetError.BadDescriptor;
        var c = _connection;
        if (c == null)
            return NetError.NotConnected;
        if (TakePendingError(out NetError error))
            return error;
        if (c.State is TcpState.SynSent or TcpState.SynReceived)
            return NetError.WouldBlock;
        if (c.ReadableBytes > 0 && !_receiveShut)
        {
            if (buffer.IsEmpty)
                return NetError.Success;
            received = c.Read(buffer, peek);
            _layer.FlushPulse();
            return NetError.Success;
        }
        if (c.FinReceived || _receiveShut || c.State == TcpState.Closed)
            return NetError.Success;
        return NetError.WouldBlock;
    }

    private bool TakePendingError(out NetError error)
    {
        error = _pendingError;
        _pendingError = NetError.Success;
        return error != NetError.Success;
    }

    public override NetError Shutdown(ShutdownDirection direction)
    {
        if (_closed)
            return NetError.BadDescriptor;
        var c = _connection;
        if (c == null || (c.State is TcpState.SynSent or TcpState.Closed && !c.FinReceived))
            return NetError.NotConnected;
        if ((direction & ShutdownDirection.Receive) != 0 && !_receiveShut)
        {
            _receiveShut = true;
            Raise(Readiness.Readable | Readiness.ReadHangup);
        }
        if ((direction & ShutdownDirection.Send) != 0)
        {
            c.ShutdownSend();
            Raise(Readiness.Writable);
        }
        _layer.RequestPulse();
        _layer.FlushPulse();
        return NetError.Success;
    }

    public override NetError GetOption(SocketOption option, out int value)
    {
        value = 0;
        switch (option)
        {
            case SocketOption.ReuseAddress: value = Settings.ReuseAddress ? 1 : 0; break;
            case SocketOption.KeepAlive: value = Settings.KeepAlive ? 1 : 0; break;
            case SocketOption.Linger: value = Settings.LingerSeconds; break;
            case SocketOption.ReceiveBufferSize: value = Settings.ReceiveBufferSize; break;
            case SocketOption.SendBufferSize: value = Settings.SendBufferSize; break;
            case SocketOption.NoDelay: value = Settings.NoDelay ? 1 : 0; break;
            case SocketOption.KeepAliveIdle: value = Settings.KeepAliveIdleSeconds; break;
            case SocketOption.KeepAliveInterval: value = Settings.KeepAliveIntervalSeconds; break;
            case SocketOption.KeepAliveCount: value = Settings.KeepAliveCount; break;
            case SocketOption.V6Only when IsV6: value = Settings.V6Only ? 1 : 0; break;
            case SocketOption.Error:
                TakePendingError(out NetError error);
                value = (int)error;
                break;
            case SocketOption.AcceptConnections: value = IsListening ? 1 : 0; break;
            default: return NetError.NoProtocolOption;
        }
        return NetError.Success;
    }

    public override NetError SetOption(SocketOption option, int value)
    {
        switch (option)
        {
            case SocketOption.ReuseAddress:
                Settings.ReuseAddress = value != 0;
                break;
            case SocketOption.KeepAlive:
                Settings.KeepAlive = value != 0;
                _connection?.OnKeepAliveChanged();
                break;
            case SocketOption.Linger:
                Settings.LingerSeconds = value < 0 ? -1 : value;
                break;
            case SocketOption.ReceiveBufferSize:
                // The window scale is fixed by the handshake, so the size counts only for connections yet to come.
                Settings.ReceiveBufferSize = Math.Clamp(value, MinimumBufferSize, MaximumBufferSize);
                break;
            case SocketOption.SendBufferSize:
                Settings.SendBufferSize = Math.Clamp(value, MinimumBufferSize, MaximumBufferSize);
                _connection?.SetSendBufferSize(Settings.SendBufferSize);
                break;
            case SocketOption.NoDelay:
                Settings.NoDelay = value != 0;
                if (Settings.NoDelay)
                    _connection?.Output();
                break;
            case SocketOption.KeepAliveIdle or SocketOption.KeepAliveInterval or SocketOption.KeepAliveCount:
                if (value < 1)
                    return NetError.InvalidArgument;
                if (option == SocketOption.KeepAliveIdle)
                    Settings.KeepAliveIdleSeconds = value;
                else if (option == SocketOption.KeepAliveInterval)
                    Settings.KeepAliveIntervalSeconds = value;
                else
                    Settings.KeepAliveCount = value;
                _connection?.OnKeepAliveChanged();
                break;
            case SocketOption.V6Only:
                if (!IsV6)
                    return NetError.NoProtocolOption;
                if (IsBound)
                    return NetError.InvalidArgument;
                Settings.V6Only = value != 0;
                break;
            default:
                return NetError.NoProtocolOption;
        }
        return NetError.Success;
    }

    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        if (_listen != null)
        {
            var listen = _listen;
            _listen = null;
            listen.Close();
        }
        if (_connection is { } c && c.State != TcpState.Closed)
        {
            c.Owner = null;
            // Linux resets instead of closing when unread data would be lost, and for linger 0; a connection already
            // in TIME-WAIT is left to finish it.
            if ((Settings.LingerSeconds == 0 || c.ReadableBytes > 0) && c.State != TcpState.TimeWait)
                c.Abort(NetError.ConnectionAborted);
            else
                c.Orphan();
        }
        _layer.Unbind(this);
        _layer.FlushPulse();
    }
}
