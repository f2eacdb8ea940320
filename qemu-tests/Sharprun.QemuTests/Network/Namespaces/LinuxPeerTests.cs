using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// The guest against Linux's own network stack in a namespace of the test's (one boot for the class): ping, a name
/// lookup through dnsmasq, an IPv6 address by SLAAC from dnsmasq's router advertisements, a datagram to the multicast
/// group the guest joined (IGMP snooping on the namespace's bridge sees the guest's report), and 100 MB each way over
/// TCP with Linux as the peer, with and without 1 % loss, every byte checked by SHA-256.
/// </summary>
[Collection(TapGuestCollection.Name)]
public sealed class LinuxPeerTests(TapGuest tap, ITestOutputHelper output) : IClassFixture<TapGuest>
{
    private const long TransferBytes = 100_000_000;
    private static readonly TimeSpan TransferLimit = TimeSpan.FromMinutes(10);

    [Fact]
    public void PingFromTheNamespaceIsAnswered()
    {
        var ping = tap.Namespace.Run(TimeSpan.FromMinutes(1), "/usr/bin/ping", "-c", "3", "-W", "10", NetworkNamespace.GuestAddress);
        Assert.True(ping.ExitCode == 0, $"ping {NetworkNamespace.GuestAddress} failed: {ping}\n--- guest\n{tap}");
        Assert.Contains("3 received", ping.Output);
    }

    [Fact]
    public void TheResolverInTheNamespaceAnswersTheGuest()
    {
        string expected = $"{DnsmasqServer.Address} {DnsmasqServer.Address6}";
        Assert.Contains($"resolved {DnsmasqServer.Name}: {expected}\n", tap.Guest.Output);
        Assert.Contains($"resolved www.{DnsmasqServer.Name}: {expected}\n", tap.Guest.Output);
        // dnsmasq has no upstream server: it refuses, and the lookup must fail rather than invent an answer.
        Assert.Contains("resolved unknown.invalid: failed ", tap.Guest.Output);
    }

    [Fact]
    public void TheGuestTakesAnAddressBySlaacAndIsReachedOverIpv6()
    {
        string address = tap.GuestAddress6.ToString();
        output.WriteLine($"the guest's addresses:\n{string.Join('\n', tap.Guest.Output.Split('\n').Where(l => l.StartsWith("address ", StringComparison.Ordinal)))}");

        var ping = tap.Namespace.Run(TimeSpan.FromMinutes(1), "/usr/bin/ping", "-6", "-c", "3", "-W", "10", address);
        Assert.True(ping.ExitCode == 0, $"ping -6 {address} failed: {ping}\n--- guest\n{tap}");
        var hello = tap.Peer(TimeSpan.FromMinutes(3), "hello", address, TapGuest.Port6.ToString());
        Assert.Equal("hello from the guest", hello.GetProperty("answer").GetString());
    }

    [Fact]
    public void ADatagramToTheGroupTheGuestJoinedIsAnswered()
    {
        var answer = tap.Peer(TimeSpan.FromMinutes(2), "multicast", "239.213.0.7", "7200", NetworkNamespace.PeerAddress);
        Assert.True(answer.GetProperty("answer").GetString() == "multicast heard: to the group",
            $"the guest did not answer the multicast datagram: {answer}\n{tap}");
        Assert.Equal(NetworkNamespace.GuestAddress, answer.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void HundredMegabytesEachWayArriveIntact(int lossPercent)
    {
        using var loss = lossPercent > 0 ? PacketLoss.Percent(tap.Namespace, lossPercent) : null;

        var toGuest = tap.Peer(TransferLimit, "sink", NetworkNamespace.GuestAddress, TapGuest.Port.ToString(), TransferBytes.ToString());
        string sent = toGuest.GetProperty("sha256").GetString()!;
        Assert.True(toGuest.GetProperty("answer").GetString() == $"received {TransferBytes} {sent}",
            $"Linux sent {TransferBytes} bytes with SHA-256 {sent}; the guest answered '{toGuest.GetProperty("answer").GetString()}'\n{tap}");
        Report("Linux → guest", lossPercent, toGuest);

        const ulong seed = 0x5eed_0000_2026_1202;
        var fromGuest = tap.Peer(TransferLimit, "source", NetworkNamespace.GuestAddress, TapGuest.Port.ToString(), TransferBytes.ToString(), seed.ToString());
        Assert.Equal(TransferBytes, fromGuest.GetProperty("bytes").GetInt64());
        Assert.Equal(XorshiftStream.Sha256(TransferBytes, seed), fromGuest.GetProperty("sha256").GetString());
        Report("guest → Linux", lossPercent, fromGuest);

        if (loss is not null)
        {
            var (fromGuestDropped, toGuestDropped) = loss.Dropped();
            output.WriteLine($"frames dropped on purpose: {fromGuestDropped} from the guest, {toGuestDropped} to it");
            Assert.True(fromGuestDropped > 0 && toGuestDropped > 0, "the loss rules dropped nothing: the lossy run tested nothing");
        }
    }

    private void Report(string direction, int lossPercent, JsonElement transfer)
    {
        double seconds = transfer.GetProperty("seconds").GetDouble();
        output.WriteLine($"{direction}, {lossPercent} % loss: {TransferBytes / 1e6:F0} MB in {seconds:F1} s, {TransferBytes / 1e6 / seconds:F2} MB/s");
    }
}
