using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>
/// A listening socket's LISTEN state: half-open connections (bounded; the oldest is dropped for a new SYN, so a SYN
/// flood costs a fixed amount of memory) and established connections waiting for accept (bounded by the backlog).
/// </summary>
internal sealed class TcpListenQueue
{
    private readonly TcpLayer _layer;
    private readonly LinkedList<TcpConnection> _halfOpen = new();
    private readonly Queue<TcpConnection> _ready = new();

    public TcpListenQueue(TcpLayer layer, TcpSocket socket, int backlog)
    {
        _layer = layer;
        Socket = socket;
        Backlog = backlog;
    }

    public TcpSocket Socket { get; }

    public int Backlog { get; set; }

    public int ReadyCount => _ready.Count;

    public bool HasAcceptSpace => _ready.Count < Backlog;

    /// <summary>A SYN for the listener (RFC 9293 §3.10.7.2); a full accept queue drops it, as Linux does.</summary>
    public void OnSyn(TcpConnectionKey key, in TcpSegment syn)
    {
        if (!HasAcceptSpace || !_layer.Network.TryRoute(key.RemoteAddress, out _, out int mtu))
            return;
        if (_halfOpen.Count >= _layer.Options.MaximumHalfOpenPerListener)
            _halfOpen.First!.Value.Discard();
        var connection = _layer.CreateConnection(key, Socket.Settings.Clone(), mtu);
        connection.Listener = this;
        connection.HalfOpenNode = _halfOpen.AddLast(connection);
        connection.AcceptSyn(syn);
    }

    public void OnEstablished(TcpConnection connection)
    {
        Forget(connection);
        _ready.Enqueue(connection);
        Socket.Raise(Readiness.Readable);
        _layer.RequestPulse();
    }

    /// <summary>A half-open connection ended.</summary>
    public void Forget(TcpConnection connection)
    {
        if (connection.HalfOpenNode is { } node)
        {
            _halfOpen.Remove(node);
            connection.HalfOpenNode = null;
        }
    }

    public TcpConnection? Dequeue()
    {
        if (!_ready.TryDequeue(out var connection))
            return null;
        connection.Listener = null;
        return connection;
    }

    /// <summary>The listener closed: half-open connections vanish, unaccepted ones are reset (as Linux does).</summary>
    public void Close()
    {
        while (_halfOpen.First is { } node)
            node.Value.Discard();
        while (_ready.TryDequeue(out var connection))
        {
            connection.Listener = null;
            connection.Abort(NetError.ConnectionReset);
        }
    }
}
