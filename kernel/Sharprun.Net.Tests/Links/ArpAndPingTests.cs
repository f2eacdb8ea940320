using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Links;

public class ArpAndPingTests
{
    [Fact]
    public void Ping_resolves_the_neighbour_and_the_entry_expires_after_a_minute()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        lock (a.Sync)
            Assert.Equal(Sockets.NetError.Success, a.SendEcho(V4("10.0.0.2"), 7, 1, "ping"u8));
        Assert.True(net.RunUntil(() => a.EchoReplies.Count > 0));
        Assert.True(a.EchoReplies.TryTake(out var reply));
        Assert.Equal((V4("10.0.0.2"), (ushort)7, (ushort)1, 4), (reply.Source, reply.Identifier, reply.Sequence, reply.DataLength));
        var face = a.Interfaces[1];
        lock (a.Sync)
            Assert.True(face.Neighbours.TryLookup(V4("10.0.0.2"), a.Now, out var mac) && mac == new MacAddress(0x02_00_00_00_00_02));
        net.Run(61);
        lock (a.Sync)
        {
            Assert.False(face.Neighbours.TryLookup(V4("10.0.0.2"), a.Now, out _));
            Assert.Equal(0, face.Neighbours.Count);
        }
    }

    [Fact]
    public void Frames_for_a_silent_neighbour_are_dropped_after_three_requests()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var peer = new ScriptedPeer(net.Bus, "watch", new MacAddress(0x02_00_00_00_00_99));
        var socket = a.Udp();
        a.SendTo(socket, [1], new IpEndpoint(V4("10.0.0.77"), 9));
        a.SendTo(socket, [2], new IpEndpoint(V4("10.0.0.77"), 9));
        net.Run(5);
        int requests = peer.TakeCaptured().Count(f => EthernetHeader.EtherType(f) == EthernetHeader.TypeArp && f[14 + 7] == 1 && f[14 + 27] == 77);
        Assert.Equal(3, requests);
        Assert.Equal(2, a.Statistics[DropReason.NeighbourUnresolved]);
    }

    [Fact]
    public void A_static_address_is_announced_with_a_gratuitous_arp()
    {
        var net = new TestNetwork();
        var peer = new ScriptedPeer(net.Bus, "watch", new MacAddress(0x02_00_00_00_00_99));
        net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var frames = peer.TakeCaptured();
        Assert.Contains(frames, f => EthernetHeader.EtherType(f) == EthernetHeader.TypeArp
            && f.AsSpan(14 + 14, 4).SequenceEqual(new byte[] { 10, 0, 0, 1 }) && f.AsSpan(14 + 24, 4).SequenceEqual(new byte[] { 10, 0, 0, 1 }));
        Assert.Contains("net: eth0 10.0.0.1/24 (static)", net.Log);
    }

    [Fact]
    public void Ipv6_link_local_ping_works_through_neighbour_discovery()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var target = b.Interfaces[1].Ipv6Addresses[0];
        Assert.Equal(V6("fe80::ff:fe00:2"), target);
        lock (a.Sync)
            Assert.Equal(Sockets.NetError.Success, a.SendEcho(target, 1, 2, "v6"u8));
        Assert.True(net.RunUntil(() => a.EchoReplies.Count > 0));
        Assert.True(a.EchoReplies.TryTake(out var reply));
        Assert.Equal(target, reply.Source);
    }

    [Fact]
    public void Stacks_on_a_three_station_bus_reach_each_other()
    {
        var net = new TestNetwork();
        var stacks = new[] { net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1"), net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2"), net.AddStatic(0x02_00_00_00_00_03, "10.0.0.3") };
        for (int i = 0; i < 3; i++)
            lock (stacks[i].Sync)
                stacks[i].SendEcho(V4($"10.0.0.{(i + 1) % 3 + 1}"), 1, (ushort)i, []);
        Assert.True(net.RunUntil(() => stacks.All(s => s.EchoReplies.Count == 1)));
    }
}
