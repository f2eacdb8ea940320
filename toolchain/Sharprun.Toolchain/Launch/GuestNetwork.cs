using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Sharprun.Toolchain.Launch;

/// <summary>How the guest's one NIC (a virtio-net device) is connected, and how the kernel configures it.</summary>
public enum NetworkMode
{
    /// <summary>No NIC.</summary>
    None,

    /// <summary>QEMU's user network (slirp): 10.0.2.15 by DHCP, the host as 10.0.2.2, a DNS forwarder at 10.0.2.3.</summary>
    User,

    /// <summary>A host TAP interface that already exists (e.g. inside a network namespace).</summary>
    Tap,
}

/// <summary>
/// The guest's network for one boot: the NIC's connection, ports published on the host (user network only), and a
/// static address, gateway and DNS servers (otherwise the kernel asks DHCP). Written to QEMU's command line and to
/// the kernel options <c>net.ip=</c>, <c>net.gateway=</c> and <c>net.dns=</c>.
/// </summary>
public sealed record GuestNetwork(NetworkMode Mode, string? TapInterface, IReadOnlyList<PublishedPort> Ports, string? StaticAddress, IPAddress? Gateway, IReadOnlyList<IPAddress> DnsServers)
{
    public static GuestNetwork Disconnected { get; } = new(NetworkMode.None, null, [], null, null, []);

    /// <summary>
    /// Reads <c>--net</c> (user, tap:IFNAME or none; the default is user when the image has a network stack, else
    /// none), <c>-p</c>, <c>--ip</c>, <c>--gateway</c> and <c>--dns</c>. Throws <see cref="FormatException"/> with the
    /// reason for anything malformed or contradictory.
    /// </summary>
    public static GuestNetwork Parse(string? net, bool imageHasNetworkStack, IEnumerable<string> publish, string? address, string? gateway, IEnumerable<string> dns)
    {
        var ports = publish.Select(PublishedPort.Parse).ToList();
        NetworkMode mode;
        string? tap = null;
        if (net is null)
            mode = imageHasNetworkStack ? NetworkMode.User : NetworkMode.None;
        else if (net == "user")
            mode = NetworkMode.User;
        else if (net == "none")
            mode = NetworkMode.None;
        else if (net.StartsWith("tap:", StringComparison.Ordinal) && IsInterfaceName(net[4..]))
            (mode, tap) = (NetworkMode.Tap, net[4..]);
        else
            throw new FormatException($"--net '{net}': expected user, tap:IFNAME (an existing TAP interface, at most 15 characters) or none");

        if (ports.Count > 0 && mode != NetworkMode.User)
            throw new FormatException(mode == NetworkMode.None && net is null
                ? "-p needs a network, but this image has no network stack (the application uses no System.Net networking)"
                : "-p publishes ports of QEMU's user network; it cannot be used with --net " + net);
        var duplicate = ports.GroupBy(p => (p.HostAddress.ToString(), p.HostPort, p.Udp)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new FormatException($"-p publishes host port {duplicate.Key.HostPort}/{(duplicate.Key.Udp ? "udp" : "tcp")} twice");

        if (address is not null && !IsPrefixedAddress(address))
            throw new FormatException($"--ip '{address}': expected an IPv4 address with its prefix length, e.g. 10.0.2.15/24");
        IPAddress? gatewayAddress = gateway is null ? null : V4(gateway, "--gateway");
        var servers = dns.Select(server => V4(server, "--dns")).ToList();
        if (mode == NetworkMode.None && (address is not null || gatewayAddress is not null || servers.Count > 0))
            throw new FormatException("--ip, --gateway and --dns configure the guest's NIC, but it has none (--net none, or an image without a network stack)");
        return new GuestNetwork(mode, tap, ports, address, gatewayAddress, servers);
    }

    /// <summary>QEMU's arguments for the NIC: a modern-only virtio-net PCI device.</summary>
    public IReadOnlyList<string> QemuArguments()
    {
        string backend = Mode switch
        {
            NetworkMode.None => "",
            NetworkMode.User => "user,id=net0" + string.Concat(Ports.Select(p => ",hostfwd=" + p.HostForward)),
            NetworkMode.Tap => $"tap,id=net0,ifname={TapInterface},script=no,downscript=no",
            _ => throw new InvalidOperationException(),
        };
        return Mode == NetworkMode.None
            ? []
            : ["-netdev", backend, "-device", "virtio-net-pci,netdev=net0,disable-legacy=on,mac=52:54:00:12:34:56"];
    }

    /// <summary>The kernel options for a static configuration (none: the kernel uses DHCP).</summary>
    public IReadOnlyList<string> KernelOptions()
    {
        var options = new List<string>();
        if (StaticAddress is not null)
            options.Add("net.ip=" + StaticAddress);
        if (Gateway is not null)
            options.Add("net.gateway=" + Gateway);
        if (DnsServers.Count > 0)
            options.Add("net.dns=" + string.Join(',', DnsServers));
        return options;
    }

    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and <= 15 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsPrefixedAddress(string text)
    {
        int slash = text.IndexOf('/');
        return slash > 0 && text[..slash].Count(c => c == '.') == 3
            && IPAddress.TryParse(text[..slash], out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) && prefix is >= 1 and <= 32;
    }

    private static IPAddress V4(string text, string option) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3
            ? address
            : throw new FormatException($"{option} '{text}' is not an IPv4 address");
}
