using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;

namespace Sharprun.Net.Ip;

/// <summary>
/// Routes derived from the interfaces' addresses: loopback and local host routes, each interface's connected
/// prefixes, the limited broadcast, link-local and multicast scopes, and the default gateways. Longest prefix wins;
/// among equals the interface added first.
/// </summary>
internal sealed class RoutingTable
{
    private const int V4Bits = 96;

    private readonly List<Route> _routes = [];

    public IReadOnlyList<Route> Routes => _routes;

    public void Rebuild(IReadOnlyList<NetworkInterface> interfaces)
    {
        _routes.Clear();
        var loopback = interfaces[0];
        _routes.Add(new Route(IpAddress.FromV4(0x7F00_0000), V4Bits + 8, loopback, null, IpAddress.LoopbackV4));
        _routes.Add(new Route(IpAddress.LoopbackV6, 128, loopback, null, IpAddress.LoopbackV6));
        foreach (var face in interfaces)
        {
            if (face.IsLoopback)
                continue;
            if (face.Ipv4Address is { } v4)
            {
                // A packet to one of our own addresses goes round through the loopback, as on Linux.
                _routes.Add(new Route(v4, 128, loopback, null, v4));
                var network = IpAddress.FromV4(v4.V4 & Subnet.MaskV4(face.Ipv4PrefixLength));
                _routes.Add(new Route(network, V4Bits + face.Ipv4PrefixLength, face, null, v4));
                _routes.Add(new Route(IpAddress.BroadcastV4, 128, face, null, v4));
                // Multicast goes out of the first interface with IPv4, to the group itself (no gateway).
                _routes.Add(new Route(IpAddress.FromV4(0xE000_0000), V4Bits + 4, face, null, v4));
                if (face.Ipv4Gateway is { } gateway)
                    _routes.Add(new Route(IpAddress.AnyV4, V4Bits, face, gateway, v4));
            }
            if (face.LinkLocalV6 is not { } linkLocal)
                continue;
            var preferred = face.GlobalV6 ?? linkLocal;
            foreach (var address in face.Ipv6Addresses)
                _routes.Add(new Route(address, 128, loopback, null, address));
            _routes.Add(new Route(new IpAddress(0xFE80_0000_0000_0000UL, 0), 64, face, null, linkLocal));
            _routes.Add(new Route(new IpAddress(0xFF00_0000_0000_0000UL, 0), 8, face, null, linkLocal));
            foreach (var (prefix, length) in face.OnLinkPrefixes)
                _routes.Add(new Route(prefix, length, face, null, preferred));
            if (face.Ipv6Gateway is { } router)
                _routes.Add(new Route(IpAddress.AnyV6, 0, face, router, preferred));
        }
    }

    public bool TryLookup(IpAddress destination, out Route route)
    {
        route = default;
        int best = -1;
        foreach (var candidate in _routes)
        {
            if (candidate.Bits > best && candidate.Interface.IsUp && candidate.Matches(destination))
            {
                route = candidate;
                best = candidate.Bits;
            }
        }
        return best >= 0;
    }

    /// <summary>
    /// The interface and next hop for <paramref name="destination"/>: <paramref name="via"/> itself with the
    /// destination as next hop when given (routing bypassed), else the longest matching route.
    /// </summary>
    public bool TryChooseHop(IpAddress destination, NetworkInterface? via, out NetworkInterface face, out IpAddress nextHop)
    {
        if (via is not null)
        {
            (face, nextHop) = (via, destination);
            return true;
        }
        if (TryLookup(destination, out var route))
        {
            (face, nextHop) = (route.Interface, route.NextHop(destination));
            return true;
        }
        (face, nextHop) = (null!, default);
        return false;
    }

    /// <summary>Whether <paramref name="address"/> is one of this host's own (a loopback or interface address).</summary>
    public bool IsLocal(IpAddress address) =>
        address.IsLoopback || (TryLookup(address, out var route) && route.Interface.IsLoopback);
}
