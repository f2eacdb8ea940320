namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// What the network-namespace tests need on the host: root (namespaces, TAP devices, nftables, raw sockets) and a few
/// Debian tools. A missing one fails the test with the package to install — CI runs as root and installs them in
/// .ci/run — rather than skipping it silently.
/// </summary>
public static class HostRequirements
{
    private static readonly (string Tool, string Package)[] Tools =
    [
        ("/usr/sbin/ip", "iproute2"),
        ("/usr/sbin/nft", "nftables"),
        ("/usr/sbin/dnsmasq", "dnsmasq-base"),
        ("/usr/bin/python3", "python3"),
        ("/usr/bin/ping", "iputils-ping"),
    ];

    private static readonly Lazy<string?> Missing = new(Check);

    /// <summary>Throws with what to do when the host cannot run these tests.</summary>
    public static void Require()
    {
        if (Missing.Value is { } problem)
            throw new InvalidOperationException(problem);
    }

    private static string? Check()
    {
        if (!Environment.IsPrivilegedProcess)
            return "the network-namespace tests need root (ip netns, TAP devices, nftables, raw sockets): run them as root, as CI does";
        var missing = Tools.Where(t => !File.Exists(t.Tool)).ToList();
        if (missing.Count > 0)
            return $"the network-namespace tests need {string.Join(", ", missing.Select(t => t.Tool))}: apt-get install -y {string.Join(' ', missing.Select(t => t.Package).Distinct())}";
        if (!File.Exists("/dev/net/tun"))
            return "the network-namespace tests need /dev/net/tun (the kernel's TUN/TAP driver) for the guest's TAP device";
        return null;
    }
}
