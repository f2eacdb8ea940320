using Sharprun.Net.Addressing;

namespace Sharprun.Net.Interfaces;

/// <summary>How an interface gets its IPv4 address: DHCP (the default) or a static address; IPv6 always autoconfigures.</summary>
public sealed record InterfaceConfiguration
{
    private InterfaceConfiguration(bool usesDhcp, IpAddress? address, int prefixLength, IpAddress? gateway, IReadOnlyList<IpAddress> dnsServers)
    {
        UsesDhcp = usesDhcp;
        Address = address;
        PrefixLength = prefixLength;
        Gateway = gateway;
        DnsServers = dnsServers;
    }

    public static InterfaceConfiguration Dhcp { get; } = new(true, null, 0, null, []);

    internal static InterfaceConfiguration Loopback { get; } = new(false, IpAddress.LoopbackV4, 8, null, []) { Ipv6Autoconfiguration = false };

    /// <summary>A fixed IPv4 address; throws <see cref="ArgumentException"/> for values no interface can have.</summary>
    public static InterfaceConfiguration Static(IpAddress address, int prefixLength, IpAddress? gateway = null, IReadOnlyList<IpAddress>? dnsServers = null)
    {
        if (!address.IsV4 || address.IsAny || address.IsMulticast || address.IsLoopback || address == IpAddress.BroadcastV4)
            throw new ArgumentException($"{address} is not a usable IPv4 interface address", nameof(address));
        if (prefixLength is < 1 or > 32)
            throw new ArgumentException($"IPv4 prefix length {prefixLength} is not within 1..32", nameof(prefixLength));
        if (gateway is { } g && (!g.IsV4 || !Subnet.Contains(address, prefixLength, g)))
            throw new ArgumentException($"gateway {g} is not on {address}/{prefixLength}", nameof(gateway));
        return new(false, address, prefixLength, gateway, dnsServers ?? []);
    }

    public bool UsesDhcp { get; }

    public IpAddress? Address { get; }

    public int PrefixLength { get; }

    public IpAddress? Gateway { get; }

    public IReadOnlyList<IpAddress> DnsServers { get; }

    /// <summary>Whether the interface sends router solicitations and forms addresses from advertised prefixes (SLAAC).</summary>
    public bool Ipv6Autoconfiguration { get; init; } = true;
}
