using System.Net;
using System.Text.Json;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Cli;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// One boot of qemu-tests/Images/tapguest on the TAP device of a network namespace of its own, with dnsmasq there
/// as its resolver and router, shared by the tests of a class: the namespace, the resolver and the guest are ready
/// when the guest printed its addresses, its name lookups and <c>ready</c>. Linux's own tools are the peer.
/// </summary>
public sealed class TapGuest : IDisposable
{
    /// <summary>The NIC's MAC, fixed by the launcher (toolchain/Sharprun.Toolchain/Launch/GuestNetwork.cs).</summary>
    public const string GuestMac = "52:54:00:12:34:56";

    /// <summary>The guest's link-local address: the modified EUI-64 of <see cref="GuestMac"/> (RFC 4291 appendix A).</summary>
    public const string GuestLinkLocal = "fe80::5054:ff:fe12:3456";
    public const int Port = 7100;
    public const int Port6 = 7106;
    public static readonly string[] LookedUp = [DnsmasqServer.Name, "www." + DnsmasqServer.Name, "unknown.invalid"];

    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(4);
    private static readonly string PeerScripts = SharprunProcess.InRepository("qemu-tests/Sharprun.QemuTests/Network/Namespaces");
    private readonly DnsmasqServer? _resolver;

    public TapGuest()
    {
        HostRequirements.Require();
        // Built outside the namespace, where the SDK can restore packages; the namespace has no way out.
        string image = GuestImages.Get("tapguest");
        Namespace = NetworkNamespace.Create();
        try
        {
            _resolver = DnsmasqServer.Start(Namespace);
            Guest = RunningGuest.StartThrough(Namespace.Exec, ["run", image, "--timeout", "1800",
                "--net", "tap:" + NetworkNamespace.TapDevice, "--ip", NetworkNamespace.GuestAddress + "/24",
                "--gateway", NetworkNamespace.PeerAddress, "--dns", NetworkNamespace.PeerAddress, "--", .. LookedUp]);
            Guest.WaitForLine("ready", BootLimit);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkNamespace Namespace { get; }

    public RunningGuest Guest { get; } = null!;

    /// <summary>The address the guest took from the router advertisements of fd00:213::/64.</summary>
    public IPAddress GuestAddress6
    {
        get
        {
            var line = Guest.Output.Split('\n').FirstOrDefault(l => l.StartsWith("address fd00:213:", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"the guest printed no address of fd00:213::/64 (SLAAC from dnsmasq's router advertisements):\n{Guest}\n--- dnsmasq\n{_resolver?.Log}");
            return IPAddress.Parse(line["address ".Length..]);
        }
    }

    /// <summary>Runs tcp_peer.py inside the namespace and returns the JSON it printed.</summary>
    public JsonElement Peer(TimeSpan limit, params string[] arguments) => RunScript("tcp_peer.py", limit, arguments);

    /// <summary>Runs hostile_frames.py inside the namespace and returns the JSON it printed.</summary>
    public JsonElement Hostile(TimeSpan limit, params string[] arguments) => RunScript("hostile_frames.py", limit, arguments);

    private JsonElement RunScript(string script, TimeSpan limit, string[] arguments)
    {
        var result = Namespace.Run(limit, ["/usr/bin/python3", Path.Combine(PeerScripts, script), .. arguments]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed: {result}\n--- guest\n{Guest}");
        return JsonDocument.Parse(result.Output).RootElement;
    }

    public override string ToString() => $"{Guest}\n--- dnsmasq\n{_resolver?.Log}";

    public void Dispose()
    {
        Guest?.Dispose();
        _resolver?.Dispose();
        Namespace?.Dispose();
    }
}
