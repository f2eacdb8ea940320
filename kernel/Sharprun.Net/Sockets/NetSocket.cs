using Sharprun.Net.Addressing;

namespace Sharprun.Net.Sockets;

/// <summary>
/// A socket of the stack: what the PAL's SystemNative_* socket functions work on. Every member is non-blocking and
/// must be called with the stack's lock held (NetworkStack.Sync); blocking, timeouts and epoll live
/// in the PAL, on top of <see cref="Readiness"/> and <see cref="Observer"/>.
/// </summary>
public abstract class NetSocket
{
    protected NetSocket(SocketKind kind, bool isV6)
    {
        Kind = kind;
        IsV6 = isV6;
    }

    public SocketKind Kind { get; }

    /// <summary>An AF_INET6 socket (dual-stack unless <see cref="SocketOption.V6Only"/>); else AF_INET.</summary>
    public bool IsV6 { get; }

    /// <summary>Told of every rise in readiness; set by the PAL.</summary>
    public IReadinessObserver? Observer { get; set; }

    /// <summary>The current level (what poll(2) would report now).</summary>
    public abstract Readiness Readiness { get; }

    /// <summary>The bound address; port 0 and the any address before bind.</summary>
    public abstract IpEndpoint LocalEndpoint { get; }

    /// <summary>The connected peer, or null.</summary>
    public abstract IpEndpoint? RemoteEndpoint { get; }

    /// <summary>Binds to a local address; port 0 picks an ephemeral port.</summary>
    public abstract NetError Bind(IpEndpoint local);

    /// <summary>
    /// TCP: starts the handshake and returns <see cref="NetError.InProgress"/> (the outcome arrives as Writable, with
    /// <see cref="SocketOption.Error"/> set on failure). UDP: sets the default peer and returns at once.
    /// </summary>
    public abstract NetError Connect(IpEndpoint remote);

    public abstract NetError Listen(int backlog);

    /// <summary>A connection the handshake completed, or <see cref="NetError.WouldBlock"/>.</summary>
    public abstract NetError Accept(out NetSocket? accepted);

    /// <summary>
    /// Queues bytes to send; <paramref name="sent"/> may be less than asked (TCP send buffer), 0 with
    /// <see cref="NetError.WouldBlock"/> when there is no space. UDP sends one datagram to <paramref name="to"/> (or
    /// the connected peer).
    /// </summary>
    public abstract NetError Send(ReadOnlySpan<byte> data, IpEndpoint? to, out int sent);

    /// <summary>
    /// Takes received bytes (TCP) or one datagram (UDP, truncated to the buffer with <paramref name="truncated"/>
    /// set). <see cref="NetError.WouldBlock"/> when nothing is queued — also for an empty buffer — and 0 bytes with
    /// success at the peer's end of stream.
    /// </summary>
    public abstract NetError Receive(Span<byte> buffer, bool peek, out int received, out IpEndpoint from, out bool truncated);

    public abstract NetError Shutdown(ShutdownDirection direction);

    public abstract NetError GetOption(SocketOption option, out int value);

    public abstract NetError SetOption(SocketOption option, int value);

    /// <summary>
    /// Joins (IP_ADD_MEMBERSHIP, IPV6_JOIN_GROUP) or leaves a multicast group on the interface numbered
    /// <paramref name="interfaceIndex"/>, else the one holding <paramref name="localAddress"/>, else the one the
    /// route to the group leaves by. Datagram sockets only: the others answer InvalidArgument, as Linux does.
    /// </summary>
    public virtual NetError ChangeMulticastMembership(IpAddress group, int interfaceIndex, IpAddress localAddress, bool join) =>
        NetError.InvalidArgument;

    /// <summary>IP_MULTICAST_IF: the interface multicast datagrams leave by (index 0 and the any address: by route).</summary>
    public virtual NetError SetMulticastInterface(int interfaceIndex, IpAddress localAddress) => NetError.InvalidArgument;

    /// <summary>The interface <see cref="SetMulticastInterface"/> chose: its index and IPv4 address, 0 and any when none.</summary>
    public virtual NetError GetMulticastInterface(out int interfaceIndex, out IpAddress localAddress)
    {
        (interfaceIndex, localAddress) = (0, IpAddress.AnyV4);
        return NetError.InvalidArgument;
    }

    /// <summary>The last close: TCP sends its FIN (or a RST with linger 0, or with unread data) and lingers in the stack as needed.</summary>
    public abstract void Close();

    /// <summary>For subclasses: tells the observer of a rise.</summary>
    protected void RaiseReadiness(Readiness raised) => Observer?.OnReadinessRaised(this, raised);
}
