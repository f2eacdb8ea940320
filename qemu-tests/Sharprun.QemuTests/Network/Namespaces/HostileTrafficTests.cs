using Xunit;
using Xunit.Abstractions;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>
/// Hostile traffic from the namespace straight onto the guest's link (raw frames, hostile_frames.py): malformed
/// headers of every layer, bad checksums, bogus TCP options, overlapping and oversized fragments, then 100,000 SYNs
/// to the listening port from addresses nobody answers for. The guest must still answer ping and a normal TCP
/// connection on IPv4 and IPv6 afterwards, and move a megabyte intact. A boot of its own, so that what it does to the
/// guest cannot be mistaken for a failure of the other tests.
/// </summary>
[Collection(TapGuestCollection.Name)]
public sealed class HostileTrafficTests(TapGuest tap, ITestOutputHelper output) : IClassFixture<TapGuest>
{
    [Fact]
    public void TheGuestStillServesAfterMalformedFramesAndASynFlood()
    {
        // The link-local address, not the SLAAC one: this test needs no router advertisement to have worked.
        string address6 = TapGuest.GuestLinkLocal + "%" + NetworkNamespace.Bridge;
        var sent = tap.Hostile(TimeSpan.FromMinutes(10),
            "--interface", NetworkNamespace.TapDevice, "--guest-mac", TapGuest.GuestMac, "--peer-mac", tap.Namespace.PeerMac,
            "--guest-ip", NetworkNamespace.GuestAddress, "--peer-ip", NetworkNamespace.PeerAddress,
            "--guest-ip6", TapGuest.GuestLinkLocal, "--peer-ip6", NetworkNamespace.PeerAddress6, "--peer-link-local", "fe80::213:1",
            "--port", TapGuest.Port.ToString(), "--syns", "100000");
        output.WriteLine($"{sent.GetProperty("cases").GetInt32()} kinds of malformed frame ({sent.GetProperty("malformed_frames").GetInt32()} frames), "
            + $"{sent.GetProperty("syns").GetInt32()} SYNs in {sent.GetProperty("flood_seconds").GetDouble():F1} s; "
            + $"frames the TAP queue dropped before QEMU took them: {sent.GetProperty("tap_dropped").GetInt64()}");

        foreach (string address in new[] { NetworkNamespace.GuestAddress, address6 })
        {
            var ping = tap.Namespace.Run(TimeSpan.FromMinutes(2), "/usr/bin/ping", "-c", "3", "-W", "20", address);
            Assert.True(ping.ExitCode == 0, $"after the hostile traffic, ping {address} failed: {ping}\n--- guest\n{tap}");
        }

        foreach (var (address, port) in new[] { (NetworkNamespace.GuestAddress, TapGuest.Port), (address6, TapGuest.Port6) })
        {
            var hello = tap.Peer(TimeSpan.FromMinutes(4), "hello", address, port.ToString());
            Assert.Equal("hello from the guest", hello.GetProperty("answer").GetString());
        }

        var sink = tap.Peer(TimeSpan.FromMinutes(4), "sink", NetworkNamespace.GuestAddress, TapGuest.Port.ToString(), "1000000");
        Assert.Equal($"received 1000000 {sink.GetProperty("sha256").GetString()}", sink.GetProperty("answer").GetString());
    }
}
