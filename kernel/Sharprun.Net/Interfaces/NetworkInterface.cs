using Sharprun.Net.Addressing;
using Sharprun.Net.Dhcp;
using Sharprun.Net.Links;
using Sharprun.Net.Neighbours;

namespace Sharprun.Net.Interfaces;

/// <summary>
/// One interface of the stack: the loopback ("lo", no device) or an Ethernet device, with the addresses it has now.
/// Read with the stack's lock held; the stack changes the addresses as DHCP and SLAAC assign them.
/// </summary>
public sealed class NetworkInterface
{
    /// <summary>Linux's loopback carries 64 KiB packets; an IPv4 datagram cannot be larger than 65535 bytes.</summary>
    public const int LoopbackMtu = 65535;

    private readonly List<IpAddress> _ipv6Addresses = [];

    internal NetworkInterface(int index, string name, ILinkDevice? device, InterfaceConfiguration configuration)
    {
        Index = index;
        Name = name;
        Device = device;
        Configuration = configuration;
        ReceiveBuffer = device is null ? [] : new byte[device.Mtu + EthernetHeader.Length];
    }

    /// <summary>The interface index (if_nametoindex): 1 for "lo", then devices in the order added.</summary>
    public int Index { get; }

    /// <summary>The multicast groups sockets joined on this interface (IP_ADD_MEMBERSHIP, IPV6_JOIN_GROUP).</summary>
    internal MulticastGroups MulticastGroups { get; } = new();

    public string Name { get; }

    public bool IsLoopback => Device is null;

    public MacAddress Mac => Device?.Mac ?? default;

    public int Mtu => Device?.Mtu ?? LoopbackMtu;

    public bool IsUp => Device?.LinkUp ?? true;

    public InterfaceConfiguration Configuration { get; }

    /// <summary>The IPv4 address, or null while DHCP has no lease.</summary>
    public IpAddress? Ipv4Address { get; private set; }

    public int Ipv4PrefixLength { get; private set; }

    public IpAddress? Ipv4Gateway { get; private set; }

    /// <summary>Link-local first, then addresses formed from advertised prefixes.</summary>
    public IReadOnlyList<IpAddress> Ipv6Addresses => _ipv6Addresses;

    public IpAddress? Ipv6Gateway { get; internal set; }

    /// <summary>The DNS servers this interface learned (DHCP) or was given (static).</summary>
    public IReadOnlyList<IpAddress> DnsServers { get; private set; } = [];

    /// <summary>Where the IPv4 address came from, for logs: "DHCP" or "static".</summary>
    public string Ipv4Origin => Configuration.UsesDhcp ? "DHCP" : "static";

    internal ILinkDevice? Device { get; }

    internal byte[] ReceiveBuffer { get; }

    internal NeighbourCache Neighbours { get; } = new();

    internal DhcpClient? Dhcp { get; set; }

    /// <summary>The prefixes advertised on-link by routers, with the address formed in each.</summary>
    internal List<(IpAddress Prefix, int Length)> OnLinkPrefixes { get; } = [];

    internal IpAddress? LinkLocalV6 => _ipv6Addresses.Count > 0 ? _ipv6Addresses[0] : null;

    internal IpAddress? GlobalV6 => _ipv6Addresses.Count > 1 ? _ipv6Addresses[1] : null;

    internal uint BroadcastV4 => Ipv4Address is { } address ? address.V4 | ~Subnet.MaskV4(Ipv4PrefixLength) : uint.MaxValue;

    /// <summary>Whether IPv4 <paramref name="address"/> is the limited broadcast or this interface's subnet broadcast.</summary>
    internal bool IsBroadcastV4(IpAddress address) =>
        address == IpAddress.BroadcastV4 || (Ipv4Address is not null && Ipv4PrefixLength < 31 && address.V4 == BroadcastV4);

    internal void SetIpv4(IpAddress? address, int prefixLength, IpAddress? gateway, IReadOnlyList<IpAddress> dnsServers)
    {
        Ipv4Address = address;
        Ipv4PrefixLength = address is null ? 0 : prefixLength;
        Ipv4Gateway = gateway;
        DnsServers = dnsServers;
    }

    internal bool HasIpv6(IpAddress address) => _ipv6Addresses.Contains(address);

    internal void AddIpv6(IpAddress address)
    {
        if (!_ipv6Addresses.Contains(address))
            _ipv6Addresses.Add(address);
    }

    public override string ToString() => $"{Name} {(Ipv4Address is { } a ? $"{a}/{Ipv4PrefixLength}" : "no IPv4")}";
}
