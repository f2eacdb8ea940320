using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// How the Linux guest's /init brings up its NIC before the program runs: load the virtio-net driver's modules in
/// order (Debian builds them as modules) and give eth0 a static address and default route with busybox's ip, so
/// the guest waits for no DHCP; /dev is mounted first (devtmpfs). The defaults are QEMU's user network: the guest 10.0.2.15/24, the host 10.0.2.2.
/// </summary>
public sealed record LinuxNetworkSetup(IReadOnlyList<KernelModule> Modules, string Address, string Gateway)
{
    /// <summary>The driver of QEMU's virtio-net-pci device: its PCI transport and the network driver; their dependencies come with them.</summary>
    public static readonly IReadOnlyList<string> DriverModules = ["virtio_pci", "virtio_net"];

    public const string UserNetworkAddress = "10.0.2.15/24";
    public const string UserNetworkGateway = "10.0.2.2";

    /// <summary>Printed by /init, with the failed command, when a step of the setup fails; the program still runs, so the host sees why it cannot connect.</summary>
    public const string FailureMarker = "sharprun-bench: network setup failed: ";

    public static LinuxNetworkSetup UserNetwork(IReadOnlyList<KernelModule> modules) => new(modules, UserNetworkAddress, UserNetworkGateway);

    /// <summary>The /init lines, each run with busybox and reported when it fails.</summary>
    public IReadOnlyList<string> Commands()
    {
        if (!IsPrefixedAddress(Address))
            throw new ArgumentException($"'{Address}' is not an IPv4 address with a prefix length", nameof(Address));
        if (!IPAddress.TryParse(Gateway, out var gateway) || gateway.AddressFamily != AddressFamily.InterNetwork || Gateway.Count(c => c == '.') != 3)
            throw new ArgumentException($"'{Gateway}' is not an IPv4 address", nameof(Gateway));
        var names = Modules.Select(m => m.Name).ToList();
        if (names.Any(name => !KernelModule.IsName(name)) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new ArgumentException("the module names must be distinct names of letters, digits and '_'", nameof(Modules));
        // A served program reads /dev (e.g. /dev/urandom) as on any Linux system, which the boot-only initramfs lacks.
        var commands = new List<string> { "mount -t devtmpfs devtmpfs /dev" };
        commands.AddRange(names.Select(name => $"insmod /{LinuxInitramfs.ModuleDirectory}/{name}.ko"));
        commands.AddRange([
            "ip link set lo up",
            "ip link set eth0 up",
            $"ip addr add {Address} dev eth0",
            $"ip route add default via {Gateway}",
        ]);
        return commands.Select(c => $"/bin/busybox {c} || /bin/busybox echo '{FailureMarker}{c}'").ToList();
    }

    private static bool IsPrefixedAddress(string text)
    {
        int slash = text.IndexOf('/');
        return slash > 0 && text[..slash].Count(c => c == '.') == 3
            && IPAddress.TryParse(text[..slash], out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) && prefix is >= 1 and <= 32;
    }
}
