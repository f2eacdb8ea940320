using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Udp;

namespace Sharprun.Net.Dhcp;

/// <summary>
/// The DHCPv4 client of one interface (RFC 2131): DISCOVER, OFFER, REQUEST, ACK; renewal with the server at T1,
/// with any server at T2, and the address dropped when the lease ends.
/// </summary>
internal sealed class DhcpClient
{
    public const ulong InitialRetransmitNanoseconds = 4_000_000_000;
    public const ulong MaxRetransmitNanoseconds = 64_000_000_000;
    public const ulong MinRenewRetransmitNanoseconds = 60_000_000_000;
    public const int RequestAttempts = 4;
    private const ushort ServerPort = 67;
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    private readonly NetworkStack _stack;
    private readonly NetworkInterface _face;
    private readonly byte[] _message = new byte[576];
    private uint _transactionId;
    private ulong _next;
    private ulong _interval;
    private int _attempts;
    private ulong _startedAt;
    private IpAddress _offered;
    private IpAddress? _server;
    private ulong _renewAt, _rebindAt, _expiresAt;

    public DhcpClient(NetworkStack stack, NetworkInterface face)
    {
        _stack = stack;
        _face = face;
        _next = stack.Now;
    }

    public DhcpState State { get; private set; } = DhcpState.Init;

    public ulong LeaseExpiresAt => _expiresAt;

    public ulong RunTimers(ulong now)
    {
        if (now < _next)
            return _next;
        switch (State)
        {
            case DhcpState.Init:
                _transactionId = (uint)_stack.Random.NextInt64(0, uint.MaxValue + 1L);
                _startedAt = now;
                State = DhcpState.Selecting;
                _interval = InitialRetransmitNanoseconds;
                SendDiscover(now);
                break;
            case DhcpState.Selecting:
                _interval = Math.Min(_interval * 2, MaxRetransmitNanoseconds);
                SendDiscover(now);
                break;
            case DhcpState.Requesting:
                if (_attempts >= RequestAttempts)
                    Restart(now);
                else
                    SendRequest(now, broadcast: true);
                break;
            case DhcpState.Bound:
                State = DhcpState.Renewing;
                SendRenewal(now);
                break;
            case DhcpState.Renewing when now >= _rebindAt:
                State = DhcpState.Rebinding;
                _server = null;
                SendRenewal(now);
                break;
            case DhcpState.Renewing:
                SendRenewal(now);
                break;
            case DhcpState.Rebinding when now >= _expiresAt:
                _stack.Log($"net: {_face.Name} DHCP lease expired");
                _stack.AssignIpv4(_face, null, 0, null, [], "DHCP");
                Restart(now);
                break;
            case DhcpState.Rebinding:
                SendRenewal(now);
                break;
        }
        return _next;
    }

    private void Restart(ulong now)
    {
        State = DhcpState.Init;
        _next = now;
        _stack.ArmTimer(now);
    }

    private void SendDiscover(ulong now)
    {
        _next = now + _interval;
        Send(DhcpMessage.Discover, broadcast: true, IpAddress.AnyV4, null, null, now);
    }

    private void SendRequest(ulong now, bool broadcast)
    {
        _attempts++;
        _next = now + InitialRetransmitNanoseconds;
        Send(DhcpMessage.Request, broadcast, IpAddress.AnyV4, _offered, _server, now);
    }

    /// <summary>RFC 2131 §4.4.5: retransmit at half the time left before T2 (renewing) or the lease end (rebinding), at least a minute apart.</summary>
    private void SendRenewal(ulong now)
    {
        ulong until = State == DhcpState.Renewing ? _rebindAt : _expiresAt;
        _next = Math.Min(until, now + Math.Max(MinRenewRetransmitNanoseconds, (until - now) / 2));
        Send(DhcpMessage.Request, broadcast: State == DhcpState.Rebinding, _face.Ipv4Address ?? IpAddress.AnyV4, null, null, now);
    }

    private void Send(byte type, bool broadcast, IpAddress clientAddress, IpAddress? requested, IpAddress? serverId, ulong now)
    {
        ushort seconds = (ushort)Math.Min(ushort.MaxValue, (now - _startedAt) / NanosecondsPerSecond);
        int length = DhcpMessage.WriteClientMessage(_message, type, _transactionId, _face.Mac, seconds, broadcast, clientAddress, requested, serverId);
        if (!broadcast && _server is { } server)
            _stack.Udp.Send(clientAddress, UdpLayer.DhcpClientPort, server, ServerPort, _message.AsSpan(0, length), 64);
        else
            _stack.Udp.Send(clientAddress, UdpLayer.DhcpClientPort, IpAddress.BroadcastV4, ServerPort, _message.AsSpan(0, length), 64, _face);
    }

    public void Input(IpEndpoint from, ReadOnlySpan<byte> payload)
    {
        if (!DhcpMessage.TryRead(payload, out var message, out _))
        {
            _stack.Statistics.Drop(DropReason.DhcpMalformed);
            return;
        }
        if (message.TransactionId != _transactionId || message.ClientMac != _face.Mac || from.Port != ServerPort)
        {
            _stack.Statistics.Drop(DropReason.DhcpIgnored);
            return;
        }
        ulong now = _stack.Now;
        switch (State, message.MessageType)
        {
            case (DhcpState.Selecting, DhcpMessage.Offer) when IsUsable(message.YourAddress) && message.ServerId is not null:
                _offered = message.YourAddress;
                _server = message.ServerId;
                State = DhcpState.Requesting;
                _attempts = 0;
                SendRequest(now, broadcast: true);
                _stack.ArmTimer(_next);
                break;
            case (DhcpState.Requesting or DhcpState.Renewing or DhcpState.Rebinding, DhcpMessage.Ack):
                Bind(message, now);
                break;
            case (DhcpState.Requesting or DhcpState.Renewing or DhcpState.Rebinding, DhcpMessage.Nak):
                _stack.Log($"net: {_face.Name} DHCP server refused the lease");
                if (_face.Ipv4Address is not null)
                    _stack.AssignIpv4(_face, null, 0, null, [], "DHCP");
                Restart(now);
                break;
            default:
                _stack.Statistics.Drop(DropReason.DhcpIgnored);
                break;
        }
    }

    private static bool IsUsable(IpAddress address) =>
        address.IsV4 && !address.IsAny && !address.IsMulticast && !address.IsLoopback && address != IpAddress.BroadcastV4;

    private void Bind(DhcpMessage ack, ulong now)
    {
        int? prefix = ack.SubnetMask is { } mask ? PrefixLength(mask.V4) : ClassfulPrefix(ack.YourAddress.V4);
        if (!IsUsable(ack.YourAddress) || ack.LeaseSeconds is not { } lease || lease == 0 || prefix is not { } prefixLength)
        {
            _stack.Statistics.Drop(DropReason.DhcpMalformed);
            return;
        }
        var gateway = ack.Router is { } router && Subnet.Contains(ack.YourAddress, prefixLength, router) ? router : (IpAddress?)null;
        ulong leaseNanoseconds = lease == uint.MaxValue ? ulong.MaxValue / 2 : lease * NanosecondsPerSecond;
        ulong renewal = ack.RenewalSeconds is { } t1 && t1 < lease ? t1 * NanosecondsPerSecond : leaseNanoseconds / 2;
        ulong rebinding = ack.RebindingSeconds is { } t2 && t2 < lease && t2 * NanosecondsPerSecond > renewal
            ? t2 * NanosecondsPerSecond : leaseNanoseconds / 8 * 7;
        _expiresAt = now + leaseNanoseconds;
        _renewAt = now + renewal;
        _rebindAt = now + Math.Max(rebinding, renewal);
        _server = ack.ServerId ?? _server;
        _offered = ack.YourAddress;
        bool renewed = State is DhcpState.Renewing or DhcpState.Rebinding;
        State = DhcpState.Bound;
        _next = _renewAt;
        bool changed = _face.Ipv4Address != ack.YourAddress || _face.Ipv4PrefixLength != prefixLength || _face.Ipv4Gateway != gateway
            || !_face.DnsServers.SequenceEqual(ack.DnsServers);
        if (changed)
            _stack.AssignIpv4(_face, ack.YourAddress, prefixLength, gateway, ack.DnsServers.ToArray(), "DHCP");
        else if (renewed)
            _stack.Log($"net: {_face.Name} DHCP lease of {ack.YourAddress} renewed for {lease} s");
        _stack.ArmTimer(_next);
    }

    /// <summary>The length of a contiguous mask, or null for a mask with holes.</summary>
    private static int? PrefixLength(uint mask)
    {
        int length = System.Numerics.BitOperations.LeadingZeroCount(~mask);
        return Subnet.MaskV4(length) == mask && length is > 0 and <= 32 ? length : null;
    }

    /// <summary>RFC 1122 §3.3.1.1: without a subnet mask option, the address class decides.</summary>
    private static int? ClassfulPrefix(uint address) => (address >> 24) switch
    {
        < 128 => 8,
        < 192 => 16,
        < 224 => 24,
        _ => null,
    };
}
