using System.Buffers;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Udp;

/// <summary>A UDP socket: datagrams out at once, datagrams in through a queue bounded in bytes (SO_RCVBUF).</summary>
internal sealed class UdpSocket : NetSocket
{
    /// <summary>Linux's rmem_default and wmem_default.</summary>
    public const int DefaultBufferSize = 212992;
    public const int MinBufferSize = 2048;
    public const int MaxBufferSize = 4 * 1024 * 1024;

    private readonly UdpLayer _layer;
    private readonly Queue<UdpDatagram> _received = new();
    private IpEndpoint _local;
    private IpEndpoint? _remote;
    private bool _bound;
    private bool _closed;
    private int _queuedBytes;
    private NetError _pendingError;
    private ShutdownDirection _shut;
    private int _receiveBufferSize = DefaultBufferSize;
    private int _sendBufferSize = DefaultBufferSize;
    private int _timeToLive = -1;
    private int _multicastTimeToLive = 1;
    private bool _multicastLoopback = true;
    private NetworkInterface? _multicastInterface;
    private readonly List<(IpAddress Group, NetworkInterface Face)> _memberships = [];
    private bool _keepAlive;
    private int _linger = -1;

    public UdpSocket(UdpLayer layer, bool isV6) : base(SocketKind.Udp, isV6)
    {
        _layer = layer;
        _local = new IpEndpoint(isV6 ? IpAddress.AnyV6 : IpAddress.AnyV4, 0);
    }

    public bool ReuseAddress { get; private set; }

    public bool V6Only { get; private set; }

    public bool Broadcast { get; private set; }

    public override Readiness Readiness
    {
        get
        {
            var readiness = Readiness.Writable;
            if (_received.Count > 0 || _pendingError != NetError.Success || (_shut & ShutdownDirection.Receive) != 0)
                readiness |= Readiness.Readable;
            if (_pendingError != NetError.Success)
                readiness |= Readiness.Error;
            if ((_shut & ShutdownDirection.Receive) != 0)
                readiness |= Readiness.ReadHangup;
            if (_shut == ShutdownDirection.Both)
                readiness |= Readiness.Hangup;
            return readiness;
        }
    }

    public override IpEndpoint LocalEndpoint => _local;

    public override IpEndpoint? RemoteEndpoint => _remote;

    public override NetError Bind(IpEndpoint local)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (_bound)
            return NetError.InvalidArgument;
        if (!AcceptsFamily(local.Address, out var error))
            return error;
        var address = local.Address.IsAny ? _local.Address : local.Address;
        error = _layer.Bind(this, address, local.Port, out ushort port);
        if (error != NetError.Success)
            return error;
        _local = new IpEndpoint(address, port);
        _bound = true;
        return NetError.Success;
    }

    private bool AcceptsFamily(IpAddress address, out NetError error)
    {
        error = NetError.Success;
        if (!IsV6 && !address.IsV4)
            error = NetError.AddressFamilyNotSupported;
        else if (IsV6 && V6Only && address.IsV4)
            error = NetError.NetworkUnreachable;
        return error == NetError.Success;
    }

    private NetError EnsureBound() => _bound ? NetError.Success : Bind(new IpEndpoint(_local.Address, 0));

    public override NetError Connect(IpEndpoint remote)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (!AcceptsFamily(remote.Address, out var error))
            return error;
        if (remote.Port == 0)
            return NetError.InvalidArgument;
        var destination = remote.Address.IsAny ? (remote.Address.IsV4 ? IpAddress.LoopbackV4 : IpAddress.LoopbackV6) : remote.Address;
        if (!_layer.Stack.Routes.TryLookup(destination, out var route))
            return NetError.NetworkUnreachable;
        error = EnsureBound();
        if (error != NetError.Success)
            return error;
        // Like Linux, connecting fixes the source address that getsockname reports.
        if (_local.Address.IsAny && !route.Source.IsAny && (IsV6 || route.Source.IsV4))
            _local = _local with { Address = route.Source };
        _remote = new IpEndpoint(destination, remote.Port);
        return NetError.Success;
    }

    public override NetError Listen(int backlog) => NetError.OperationNotSupported;

    public override NetError Accept(out NetSocket? accepted)
    {
        accepted = null;
        return NetError.OperationNotSupported;
    }

    public override NetError Send(ReadOnlySpan<byte> data, IpEndpoint? to, out int sent)
    {
        sent = 0;
        if (_closed)
            return NetError.BadDescriptor;
        if ((_shut & ShutdownDirection.Send) != 0)
            return NetError.BrokenPipe;
        if (to is null && _remote is null)
            return NetError.DestinationAddressRequired;
        var target = to ?? _remote!.Value;
        if (!AcceptsFamily(target.Address, out var error))
            return error;
        if (target.Port == 0)
            return NetError.InvalidArgument;
        var destination = target.Address.IsAny ? (target.Address.IsV4 ? IpAddress.LoopbackV4 : IpAddress.LoopbackV6) : target.Address;
        if (_layer.IsBroadcast(destination) && !Broadcast)
            return NetError.AccessDenied;
        if (data.Length > _sendBufferSize)
            return NetError.MessageTooLong;
        error = EnsureBound();
        if (error != NetError.Success)
            return error;
        var source = _local.Address;
        if (destination.IsMulticast && destination.IsV4 && _multicastInterface?.Ipv4Address is { } chosen && source.IsAny)
        {
            source = chosen;
        }
        else if (source.IsAny || source.IsV4 != destination.IsV4)
        {
            if (!_layer.Stack.Routes.TryLookup(destination, out var route) || route.Source.IsAny)
                return NetError.NetworkUnreachable;
            source = route.Source;
        }
        byte ttl = _timeToLive > 0 ? (byte)_timeToLive
            : destination.IsMulticast ? (byte)_multicastTimeToLive
            : destination.IsV4 ? Ipv4Layer.DefaultTimeToLive : Ipv6Layer.DefaultHopLimit;
        var via = destination.IsMulticast ? _multicastInterface : null;
        error = _layer.Send(source, _local.Port, destination, target.Port, data, ttl, via, _multicastLoopback);
        if (error == NetError.Success)
            sent = data.Length;
        return error;
    }

    public override NetError Receive(Span<byte> buffer, bool peek, out int received, out IpEndpoint from, out bool truncated)
    {
        received = 0;
        from = default;
        truncated = false;
        if (_closed)
            return NetError.BadDescriptor;
        if (_pendingError != NetError.Success)
        {
            var error = _pendingError;
            _pendingError = NetError.Success;
            return error;
        }
        if (!_received.TryPeek(out var datagram))
            return (_shut & ShutdownDirection.Receive) != 0 ? NetError.Success : NetError.WouldBlock;
        received = Math.Min(buffer.Length, datagram.Length);
        datagram.Buffer.AsSpan(0, received).CopyTo(buffer);
        truncated = received < datagram.Length;
        from = datagram.From;
        if (!peek)
        {
            _received.Dequeue();
            _queuedBytes -= datagram.Length;
            ArrayPool<byte>.Shared.Return(datagram.Buffer);
        }
        return NetError.Success;
    }

    public override NetError Shutdown(ShutdownDirection direction)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (_remote is null)
            return NetError.NotConnected;
        var before = Readiness;
        _shut |= direction;
        RaiseReadiness(Readiness & ~before);
        _layer.Stack.PulseWaiters();
        return NetError.Success;
    }

    public override NetError GetOption(SocketOption option, out int value)
    {
        value = 0;
        switch (option)
        {
            case SocketOption.ReuseAddress: value = ReuseAddress ? 1 : 0; break;
            case SocketOption.Broadcast: value = Broadcast ? 1 : 0; break;
            case SocketOption.V6Only when IsV6: value = V6Only ? 1 : 0; break;
            case SocketOption.ReceiveBufferSize: value = _receiveBufferSize; break;
            case SocketOption.SendBufferSize: value = _sendBufferSize; break;
            case SocketOption.TimeToLive: value = _timeToLive > 0 ? _timeToLive : Ipv4Layer.DefaultTimeToLive; break;
            case SocketOption.MulticastTimeToLive: value = _multicastTimeToLive; break;
            case SocketOption.MulticastLoopback: value = _multicastLoopback ? 1 : 0; break;
            case SocketOption.KeepAlive: value = _keepAlive ? 1 : 0; break;
            case SocketOption.Linger: value = _linger; break;
            case SocketOption.AcceptConnections: value = 0; break;
            case SocketOption.Error:
                value = (int)_pendingError;
                _pendingError = NetError.Success;
                break;
            default: return NetError.NoProtocolOption;
        }
        return NetError.Success;
    }

    public override NetError SetOption(SocketOption option, int value)
    {
        switch (option)
        {
            case SocketOption.ReuseAddress: ReuseAddress = value != 0; break;
            case SocketOption.Broadcast: Broadcast = value != 0; break;
            case SocketOption.V6Only when IsV6:
                if (_bound)
                    return NetError.InvalidArgument;
                V6Only = value != 0;
                break;
            case SocketOption.ReceiveBufferSize: _receiveBufferSize = Math.Clamp(value, MinBufferSize, MaxBufferSize); break;
            case SocketOption.SendBufferSize: _sendBufferSize = Math.Clamp(value, MinBufferSize, MaxBufferSize); break;
            case SocketOption.TimeToLive:
                if (value is not (-1 or (>= 1 and <= 255)))
                    return NetError.InvalidArgument;
                _timeToLive = value;
                break;
            case SocketOption.MulticastTimeToLive:
                if (value is < 0 or > 255)
                    return NetError.InvalidArgument;
                _multicastTimeToLive = value;
                break;
            case SocketOption.MulticastLoopback: _multicastLoopback = value != 0; break;
            case SocketOption.KeepAlive: _keepAlive = value != 0; break;
            case SocketOption.Linger: _linger = value; break;
            default: return NetError.NoProtocolOption;
        }
        return NetError.Success;
    }

    public override NetError ChangeMulticastMembership(IpAddress group, int interfaceIndex, IpAddress localAddress, bool join)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (!group.IsMulticast || (!group.IsV4 && !IsV6))
            return NetError.InvalidArgument;
        var face = _layer.FindMulticastInterface(group, interfaceIndex, localAddress);
        if (face is null)
            return join ? NetError.NoDevice : NetError.AddressNotAvailable;
        int existing = _memberships.IndexOf((group, face));
        if (join)
        {
            if (existing >= 0)
                return NetError.AddressInUse;
            _memberships.Add((group, face));
            if (face.MulticastGroups.Join(group) && group.IsV4)
                _layer.Stack.Igmp.Report(face, group);
            return NetError.Success;
        }
        if (existing < 0)
            return NetError.AddressNotAvailable;
        _memberships.RemoveAt(existing);
        LeaveGroup(group, face);
        return NetError.Success;
    }

    public override NetError SetMulticastInterface(int interfaceIndex, IpAddress localAddress)
    {
        if (_closed)
            return NetError.BadDescriptor;
        if (interfaceIndex == 0 && localAddress.IsAny)
        {
            _multicastInterface = null;
            return NetError.Success;
        }
        var face = _layer.FindMulticastInterface(IpAddress.AnyV4, interfaceIndex, localAddress);
        if (face is null)
            return interfaceIndex != 0 ? NetError.NoDevice : NetError.AddressNotAvailable;
        _multicastInterface = face;
        return NetError.Success;
    }

    public override NetError GetMulticastInterface(out int interfaceIndex, out IpAddress localAddress)
    {
        interfaceIndex = _multicastInterface?.Index ?? 0;
        localAddress = _multicastInterface?.Ipv4Address ?? IpAddress.AnyV4;
        return _closed ? NetError.BadDescriptor : NetError.Success;
    }

    private void LeaveGroup(IpAddress group, NetworkInterface face)
    {
        if (face.MulticastGroups.Leave(group) && group.IsV4)
            _layer.Stack.Igmp.Leave(face, group);
    }

    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        foreach (var (group, face) in _memberships)
            LeaveGroup(group, face);
        _memberships.Clear();
        if (_bound)
            _layer.Unbind(this, _local.Port);
        while (_received.TryDequeue(out var datagram))
            ArrayPool<byte>.Shared.Return(datagram.Buffer);
        _queuedBytes = 0;
    }

    /// <summary>A datagram for this socket; false when the receive queue is full (one datagram always fits an empty queue).</summary>
    internal bool Enqueue(ReadOnlySpan<byte> payload, IpEndpoint from)
    {
        if ((_shut & ShutdownDirection.Receive) != 0 || (_received.Count > 0 && _queuedBytes + payload.Length > _receiveBufferSize))
            return false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(buffer);
        _received.Enqueue(new UdpDatagram(buffer, payload.Length, from));
        _queuedBytes += payload.Length;
        RaiseReadiness(Readiness.Readable);
        return true;
    }

    internal void SetError(NetError error)
    {
        _pendingError = error;
        RaiseReadiness(Readiness.Readable | Readiness.Error);
    }

    internal int QueuedBytes => _queuedBytes;
}
