namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// Random loss on the guest's link while it lives, in both directions: nftables rules on the TAP device's ingress
/// (frames from the guest) and egress (frames the bridge forwards to it), each dropping a given percentage at random.
/// Both stacks see real loss: the drop happens after Linux's TCP handed the frame to the bridge.
/// </summary>
public sealed class PacketLoss : IDisposable
{
    private const string Table = "sharprun_loss";
    private readonly NetworkNamespace _inside;

    private PacketLoss(NetworkNamespace inside) => _inside = inside;

    public static PacketLoss Percent(NetworkNamespace inside, int percent)
    {
        string device = NetworkNamespace.TapDevice;
        string rules = $$"""
            table netdev {{Table}} {
                chain from_guest { type filter hook ingress device "{{device}}" priority 0; numgen random mod 100 < {{percent}} counter drop; }
                chain to_guest { type filter hook egress device "{{device}}" priority 0; numgen random mod 100 < {{percent}} counter drop; }
            }
            """;
        string file = Path.Combine(Path.GetTempPath(), $"{inside.Name}-loss.nft");
        File.WriteAllText(file, rules);
        try
        {
            var result = inside.Run(TimeSpan.FromSeconds(30), "/usr/sbin/nft", "-f", file);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"nftables refused the loss rules (the kernel needs nf_tables with the netdev family and its egress hook): {result}");
        }
        finally
        {
            File.Delete(file);
        }
        return new PacketLoss(inside);
    }

    /// <summary>Frames dropped so far, from the guest and to it.</summary>
    public (long FromGuest, long ToGuest) Dropped()
    {
        string listed = _inside.Run(TimeSpan.FromSeconds(30), "/usr/sbin/nft", "list", "table", "netdev", Table).Output;
        var counts = listed.Split('\n').Where(l => l.Contains("counter packets", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split("counter packets ")[1].Split(' ')[0])).ToList();
        return (counts[0], counts[1]);
    }

    public void Dispose() => _inside.Run(TimeSpan.FromSeconds(30), "/usr/sbin/nft", "delete", "table", "netdev", Table);
}
