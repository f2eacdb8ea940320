using System.Diagnostics;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// A network namespace of the test's own, the guest's link to Linux's network stack: a TAP device <c>tap0</c> for
/// QEMU, enslaved to a bridge <c>br0</c> that holds Linux's side of the link (10.213.0.1/24, fd00:213::1/64). The
/// bridge is there so that loss can be injected with nftables on the TAP port in both directions and still be real
/// loss to both TCP stacks (this kernel has no netem; a drop on the egress of the device a socket sends through
/// would be reported back to Linux's TCP as local congestion). Nothing outside the namespace is touched; disposing
/// ends what runs inside and removes it. Names are <c>sr-peer-PID-N</c>, so a later run can remove what a crashed
/// run of another process left behind without touching the namespaces of a run still going.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    public const string Prefix = "sr-peer-";
    public const string TapDevice = "tap0";
    public const string Bridge = "br0";
    public const string PeerAddress = "10.213.0.1";
    public const string PeerAddress6 = "fd00:213::1";
    public const string GuestAddress = "10.213.0.2";

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(30);
    private static readonly Lazy<bool> LeftoversRemoved = new(RemoveLeftovers);
    private static int _created;

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>The command prefix that runs a program inside the namespace.</summary>
    public IReadOnlyList<string> Exec => ["/usr/sbin/ip", "netns", "exec", Name];

    public static NetworkNamespace Create()
    {
        HostRequirements.Require();
        _ = LeftoversRemoved.Value;
        var created = new NetworkNamespace($"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _created)}");
        NamespaceCommand.Check(CommandLimit, ["/usr/sbin/ip", "netns", "add", created.Name]);
        try
        {
            created.Configure();
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private void Configure()
    {
        Ip("link", "set", "lo", "up");
        Ip("tuntap", "add", "dev", TapDevice, "mode", "tap");
        Ip("link", "add", Bridge, "type", "bridge", "forward_delay", "0");
        Ip("link", "set", TapDevice, "master", Bridge);
        // No duplicate address detection: the address is usable (and dnsmasq can bind it) at once.
        Ip("address", "add", PeerAddress + "/24", "dev", Bridge);
        Ip("-6", "address", "add", PeerAddress6 + "/64", "dev", Bridge, "nodad");
        Ip("link", "set", TapDevice, "up");
        Ip("link", "set", Bridge, "up");
    }

    /// <summary>Runs <c>ip ARGS</c> inside the namespace.</summary>
    public string Ip(params string[] arguments) => NamespaceCommand.Check(CommandLimit, [.. Exec, "/usr/sbin/ip", .. arguments]);

    /// <summary>Runs a command inside the namespace to its end.</summary>
    public NamespaceCommand.Result Run(TimeSpan limit, params string[] command) => NamespaceCommand.Run(limit, [.. Exec, .. command]);

    /// <summary>The MAC address of Linux's side of the link.</summary>
    public string PeerMac => NamespaceCommand.Check(CommandLimit, [.. Exec, "/usr/bin/cat", $"/sys/class/net/{Bridge}/address"]).Trim();

    public void Dispose() => Remove(Name);

    private static void Remove(string name)
    {
        // Processes left inside (a guest's QEMU, dnsmasq) would keep the namespace alive after its name is gone.
        var pids = NamespaceCommand.Run(CommandLimit, ["/usr/sbin/ip", "netns", "pids", name]).Output;
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(pid));
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        NamespaceCommand.Run(CommandLimit, ["/usr/sbin/ip", "netns", "delete", name]);
    }

    private static bool RemoveLeftovers()
    {
        var listed = NamespaceCommand.Check(CommandLimit, ["/usr/sbin/ip", "netns", "list"]);
        foreach (var line in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = line.Split(' ')[0];
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(name[Prefix.Length..].Split('-')[0], out int owner) && !IsRunning(owner))
                Remove(name);
        }
        return true;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
