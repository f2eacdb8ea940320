using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Icmp;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Links;

namespace Sharprun.Net.Neighbours;

/// <summary>
/// IPv6 neighbour discovery (RFC 4861) and stateless address autoconfiguration (RFC 4862): solicitations and
/// advertisements for neighbours, router solicitations at start, and an EUI-64 address in each advertised /64
/// prefix. Duplicate address detection is not done.
/// </summary>
internal sealed class NeighbourDiscovery(NetworkStack stack)
{
    public const byte TypeRouterSolicitation = 133;
    public const byte TypeRouterAdvertisement = 134;
    public const byte TypeNeighbourSolicitation = 135;
    public const byte TypeNeighbourAdvertisement = 136;
    public const int RouterSolicitations = 3;
    public const ulong RouterSolicitationIntervalNanoseconds = 4_000_000_000;

    private const byte OptionSourceLinkLayer = 1;
    private const byte OptionTargetLinkLayer = 2;
    private const byte OptionPrefixInformation = 3;
    private static readonly IpAddress AllRouters = new(0xFF02_0000_0000_0000UL, 2);
    private static readonly IpAddress AllNodes = new(0xFF02_0000_0000_0000UL, 1);

    private readonly byte[] _buffer = new byte[PacketBuffer.Headroom + 64];
    private readonly Dictionary<NetworkInterface, (int Left, ulong Next)> _routerSolicitations = [];

    /// <summary>fe80::/64 with the EUI-64 interface identifier of <paramref name="mac"/> (RFC 4291 appendix A).</summary>
    public static IpAddress LinkLocalAddress(MacAddress mac) => new(0xFE80_0000_0000_0000UL, InterfaceIdentifier(mac));

    public static ulong InterfaceIdentifier(MacAddress mac) =>
        ((mac.Value >> 24) << 40 | 0xFFFEUL << 24 | (mac.Value & 0xFF_FFFF)) ^ 0x0200_0000_0000_0000UL;

    public void StartRouterSolicitation(NetworkInterface face) => _routerSolicitations[face] = (RouterSolicitations, stack.Now);

    public ulong RunTimers(NetworkInterface face, ulong now)
    {
        if (!_routerSolicitations.TryGetValue(face, out var state) || state.Left == 0)
            return ulong.MaxValue;
        if (now < state.Next)
            return state.Next;
        SendRouterSolicitation(face);
        state = (state.Left - 1, now + RouterSolicitationIntervalNanoseconds);
        _routerSolicitations[face] = state;
        return state.Left == 0 ? ulong.MaxValue : state.Next;
    }

    public void Input(NetworkInterface face, in Ipv6Header header, ReadOnlySpan<byte> message)
    {
        // RFC 4861 §6.1.2, §7.1: hop limit 255 proves the message was not forwarded from off-link.
        if (header.HopLimit != 255 || message[1] != 0)
        {
            stack.Statistics.Drop(DropReason.NdpMalformed);
            return;
        }
        switch (message[0])
        {
            case TypeNeighbourSolicitation:
                Solicitation(face, header, message);
                break;
            case TypeNeighbourAdvertisement:
                Advertisement(face, message);
                break;
            case TypeRouterAdvertisement:
                RouterAdvertisement(face, header, message);
                break;
        }
    }

    private void Solicitation(NetworkInterface face, in Ipv6Header header, ReadOnlySpan<byte> message)
    {
        if (message.Length < 24 || !TryReadLinkLayerOption(message[24..], OptionSourceLinkLayer, out var sourceMac))
        {
            stack.Statistics.Drop(DropReason.NdpMalformed);
            return;
        }
        var target = IpAddress.Read(message.Slice(8, 16));
        if (target.IsMulticast || !face.HasIpv6(target))
            return;
        bool fromUnspecified = header.Source.IsAny;
        if (!fromUnspecified && sourceMac is { } mac)
            stack.Ethernet.Release(face, mac, face.Neighbours.Learn(header.Source, mac, stack.Now, create: true));
        SendAdvertisement(face, target, fromUnspecified ? AllNodes : header.Source, solicited: !fromUnspecified);
    }

    private void Advertisement(NetworkInterface face, ReadOnlySpan<byte> message)
    {
        if (message.Length < 24 || !TryReadLinkLayerOption(message[24..], OptionTargetLinkLayer, out var targetMac))
        {
            stack.Statistics.Drop(DropReason.NdpMalformed);
            return;
        }
        var target = IpAddress.Read(message.Slice(8, 16));
        if (!target.IsMulticast && targetMac is { } mac)
            stack.Ethernet.Release(face, mac, face.Neighbours.Learn(target, mac, stack.Now, create: false));
    }

    private void RouterAdvertisement(NetworkInterface face, in Ipv6Header header, ReadOnlySpan<byte> message)
    {
        const int fixedLength = 16;
        if (message.Length < fixedLength || !IsLinkLocal(header.Source) || !OptionsAreValid(message[fixedLength..]))
        {
            stack.Statistics.Drop(DropReason.NdpMalformed);
            return;
        }
        if (!face.Configuration.Ipv6Autoconfiguration)
            return;
        _routerSolicitations[face] = (0, 0);
        ushort routerLifetime = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        bool changed = false;
        var options = message[fixedLength..];
        while (options.Length >= 8)
        {
            int length = options[1] * 8;
            var option = options[..length];
            switch (option[0])
            {
                case OptionSourceLinkLayer:
                    var mac = MacAddress.Read(option[2..]);
                    stack.Ethernet.Release(face, mac, face.Neighbours.Learn(header.Source, mac, stack.Now, create: true));
                    break;
                case OptionPrefixInformation when length == 32:
                    changed |= PrefixInformation(face, option);
                    break;
            }
            options = options[length..];
        }
        if (routerLifetime > 0 && face.Ipv6Gateway != header.Source)
        {
            face.Ipv6Gateway = header.Source;
            changed = true;
            stack.Log($"net: {face.Name} IPv6 router {header.Source}");
        }
        if (changed)
            stack.RebuildRoutes();
    }

    /// <summary>RFC 4862 §5.5.3: an on-link /64 with the autonomous flag gets an address with our interface identifier.</summary>
    private bool PrefixInformation(NetworkInterface face, ReadOnlySpan<byte> option)
    {
        int prefixLength = option[2];
        bool onLink = (option[3] & 0x80) != 0;
        bool autonomous = (option[3] & 0x40) != 0;
        uint validLifetime = BinaryPrimitives.ReadUInt32BigEndian(option[4..]);
        uint preferredLifetime = BinaryPrimitives.ReadUInt32BigEndian(option[8..]);
        var prefix = IpAddress.Read(option.Slice(16, 16));
        if (prefixLength > 128 || IsLinkLocal(prefix) || prefix.IsMulticast || prefix.IsV4 || validLifetime == 0 || preferredLifetime > validLifetime)
            return false;
        bool changed = false;
        if (onLink && !face.OnLinkPrefixes.Contains((prefix, prefixLength)))
        {
            face.OnLinkPrefixes.Add((prefix, prefixLength));
            changed = true;
        }
        if (autonomous && prefixLength == 64)
        {
            var address = new IpAddress(prefix.High, InterfaceIdentifier(face.Mac));
            if (!face.HasIpv6(address))
            {
                face.AddIpv6(address);
                stack.Log($"net: {face.Name} {address}/64 (SLAAC)");
                changed = true;
            }
        }
        return changed;
    }

    public void SendSolicitation(NetworkInterface face, IpAddress target)
    {
        if (face.LinkLocalV6 is not { } source)
            return;
        var destination = Ipv6Layer.SolicitedNode(target);
        var message = _buffer.AsSpan(PacketBuffer.Headroom, 32);
        message.Clear();
        message[0] = TypeNeighbourSolicitation;
        target.WriteV6(message[8..]);
        message[24] = OptionSourceLinkLayer;
        message[25] = 1;
        face.Mac.Write(message[26..]);
        Send(face, source, destination, message);
    }

    private void SendAdvertisement(NetworkInterface face, IpAddress target, IpAddress destination, bool solicited)
    {
        var message = _buffer.AsSpan(PacketBuffer.Headroom, 32);
        message.Clear();
        message[0] = TypeNeighbourAdvertisement;
        message[4] = (byte)((solicited ? 0x40 : 0) | 0x20);
        target.WriteV6(message[8..]);
        message[24] = OptionTargetLinkLayer;
        message[25] = 1;
        face.Mac.Write(message[26..]);
        Send(face, target, destination, message);
    }

    private void SendRouterSolicitation(NetworkInterface face)
    {
        if (face.LinkLocalV6 is not { } source || !face.IsUp)
            return;
        var message = _buffer.AsSpan(PacketBuffer.Headroom, 16);
        message.Clear();
        message[0] = TypeRouterSolicitation;
        message[8] = OptionSourceLinkLayer;
        message[9] = 1;
        face.Mac.Write(message[10..]);
        Send(face, source, AllRouters, message);
    }

    private void Send(NetworkInterface face, IpAddress source, IpAddress destination, Span<byte> message)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], Icmpv6Layer.Checksum(source, destination, message));
        stack.Ipv6.Send(source, destination, IpProtocol.Icmpv6, _buffer, message.Length, hopLimit: 255, via: face);
    }

    private static bool IsLinkLocal(IpAddress address) => !address.IsV4 && (address.High >> 54) == (0xFE80UL >> 6);

    /// <summary>RFC 4861 §4.6: every option has a non-zero length that fits in the message.</summary>
    private static bool OptionsAreValid(ReadOnlySpan<byte> options)
    {
        while (options.Length > 0)
        {
            if (options.Length < 2 || options[1] == 0 || options[1] * 8 > options.Length)
                return false;
            options = options[(options[1] * 8)..];
        }
        return true;
    }

    /// <summary>Reads the link-layer address option of <paramref name="type"/> (null when absent); false when the options are malformed.</summary>
    private static bool TryReadLinkLayerOption(ReadOnlySpan<byte> options, byte type, out MacAddress? mac)
    {
        mac = null;
        if (!OptionsAreValid(options))
            return false;
        while (options.Length >= 8)
        {
            int length = options[1] * 8;
            if (options[0] == type)
            {
                mac = MacAddress.Read(options[2..]);
                return true;
            }
            options = options[length..];
        }
        return true;
    }
}
