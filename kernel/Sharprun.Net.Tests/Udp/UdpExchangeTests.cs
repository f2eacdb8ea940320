using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Udp;

public class UdpExchangeTests
{
    [Fact]
    public void A_datagram_crosses_the_bus_after_arp_and_the_reply_comes_back()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var server = b.Udp(port: 7000);
        var client = a.Udp();
        Assert.Equal(NetError.Success, a.SendTo(client, "hello"u8.ToArray(), new IpEndpoint(V4("10.0.0.2"), 7000)));

        byte[]? received = null;
        IpEndpoint from = default;
        Assert.True(net.RunUntil(() => (received = b.TryReceive(server, out from)) is not null));
        Assert.Equal("hello"u8.ToArray(), received);
        Assert.Equal(V4("10.0.0.1"), from.Address);
        Assert.InRange(from.Port, 49152, 65535);

        Assert.Equal(NetError.Success, b.SendTo(server, "world"u8.ToArray(), from));
        Assert.True(net.RunUntil(() => (received = a.TryReceive(client, out from)) is not null));
        Assert.Equal("world"u8.ToArray(), received);
        Assert.Equal(new IpEndpoint(V4("10.0.0.2"), 7000), from);
        Assert.Equal(0, a.Statistics.TotalDropped + b.Statistics.TotalDropped - a.Statistics[DropReason.NotForThisHost] - b.Statistics[DropReason.NotForThisHost]);
    }

    [Fact]
    public void A_large_datagram_is_fragmented_and_reassembled_under_reordering_and_duplication()
    {
        var net = new TestNetwork(seed: 5);
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var server = b.Udp(port: 9);
        var client = a.Udp();
        var data = new byte[30000];
        new Random(3).NextBytes(data);
        net.Bus.Faults = new BusFaults(Reorder: 0.3, Duplicate: 0.2);
        Assert.Equal(NetError.Success, a.SendTo(client, data, new IpEndpoint(V4("10.0.0.2"), 9)));
        byte[]? received = null;
        Assert.True(net.RunUntil(() => (received = b.TryReceive(server, out _)) is not null));
        Assert.Equal(data, received);
    }

    [Fact]
    public void Under_loss_fragmented_datagrams_arrive_whole_or_not_at_all_and_partial_ones_time_out()
    {
        var net = new TestNetwork(seed: 11);
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var server = b.Udp(port: 9);
        var client = a.Udp();
        // Resolve ARP first on a clean bus.
        a.SendTo(client, [1], new IpEndpoint(V4("10.0.0.2"), 9));
        Assert.True(net.RunUntil(() => b.TryReceive(server, out _) is not null));
        net.Bus.Faults = new BusFaults(Loss: 0.05, Reorder: 0.2);
        var sent = new List<byte[]>();
        for (int i = 0; i < 20; i++)
        {
            var data = new byte[4000 + i];
            new Random(i).NextBytes(data);
            sent.Add(data);
            a.SendTo(client, data, new IpEndpoint(V4("10.0.0.2"), 9));
            net.Run(0.01);
        }
        net.Run(40);
        var got = new List<byte[]>();
        while (b.TryReceive(server, out _) is { } datagram)
            got.Add(datagram);
        Assert.NotEmpty(got);
        Assert.True(got.Count < sent.Count, "5% loss over 60 frames should lose some datagram");
        Assert.All(got, datagram => Assert.Contains(sent, s => s.AsSpan().SequenceEqual(datagram)));
        Assert.True(b.Statistics[DropReason.ReassemblyTimeout] > 0);
        lock (b.Sync)
            Assert.Equal(0, b.Ipv4.Reassembly.BytesInUse);
    }

    [Fact]
    public void Loopback_delivers_through_poll_and_asks_for_a_wake()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        int wakes = 0;
        lock (a.Sync)
        {
            a.Poll();
            a.WakeRequested = () => wakes++;
        }
        var server = a.Udp(port: 5353);
        var client = a.Udp();
        Assert.Equal(NetError.Success, a.SendTo(client, "x"u8.ToArray(), new IpEndpoint(IpAddress.LoopbackV4, 5353)));
        Assert.Equal(NetError.Success, a.SendTo(client, "y"u8.ToArray(), new IpEndpoint(V4("10.0.0.1"), 5353)));
        Assert.True(wakes > 0);
        Assert.Null(a.TryReceive(server, out _));
        lock (a.Sync)
            a.Poll();
        Assert.Equal("x"u8.ToArray(), a.TryReceive(server, out var from));
        Assert.Equal(IpAddress.LoopbackV4, from.Address);
        Assert.Equal("y"u8.ToArray(), a.TryReceive(server, out from));
        Assert.Equal(V4("10.0.0.1"), from.Address);
        Assert.Equal(0, net.Bus.FramesDelivered);
    }

    [Fact]
    public void A_dual_stack_socket_receives_ipv4_as_mapped_addresses_and_ipv6_loopback()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var server = b.Udp(isV6: true, port: 8000);
        var client = a.Udp();
        a.SendTo(client, [42], new IpEndpoint(V4("10.0.0.2"), 8000));
        byte[]? received = null;
        IpEndpoint from = default;
        Assert.True(net.RunUntil(() => (received = b.TryReceive(server, out from)) is not null));
        Assert.True(from.Address.IsV4);
        Assert.Equal(V4("10.0.0.1"), from.Address);

        var local = b.Udp(isV6: true);
        b.SendTo(local, [7], new IpEndpoint(IpAddress.LoopbackV6, 8000));
        Assert.True(net.RunUntil(() => (received = b.TryReceive(server, out from)) is not null));
        Assert.Equal(IpAddress.LoopbackV6, from.Address);

        lock (b.Sync)
        {
            var v6only = b.CreateSocket(SocketKind.Udp, isV6: true);
            Assert.Equal(NetError.Success, v6only.SetOption(SocketOption.V6Only, 1));
            Assert.Equal(NetError.NetworkUnreachable, v6only.Send([1], new IpEndpoint(V4("10.0.0.1"), 1), out _));
            var v4 = b.CreateSocket(SocketKind.Udp, isV6: false);
            Assert.Equal(NetError.AddressFamilyNotSupported, v4.Send([1], new IpEndpoint(IpAddress.LoopbackV6, 1), out _));
        }
    }

    [Fact]
    public void Binding_conflicts_and_ephemeral_ports_follow_linux()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        lock (a.Sync)
        {
            var first = a.CreateSocket(SocketKind.Udp, false);
            Assert.Equal(NetError.Success, first.Bind(new IpEndpoint(IpAddress.AnyV4, 6000)));
            var second = a.CreateSocket(SocketKind.Udp, false);
            Assert.Equal(NetError.AddressInUse, second.Bind(new IpEndpoint(V4("10.0.0.1"), 6000)));
            var dual = a.CreateSocket(SocketKind.Udp, true);
            Assert.Equal(NetError.AddressInUse, dual.Bind(new IpEndpoint(IpAddress.AnyV6, 6000)));
            var v6only = a.CreateSocket(SocketKind.Udp, true);
            v6only.SetOption(SocketOption.V6Only, 1);
            Assert.Equal(NetError.Success, v6only.Bind(new IpEndpoint(IpAddress.AnyV6, 6000)));
            var elsewhere = a.CreateSocket(SocketKind.Udp, false);
            Assert.Equal(NetError.AddressNotAvailable, elsewhere.Bind(new IpEndpoint(V4("10.9.9.9"), 1)));
            first.Close();
            Assert.Equal(NetError.Success, second.Bind(new IpEndpoint(V4("10.0.0.1"), 6000)));
            var ephemeral = a.CreateSocket(SocketKind.Udp, false);
            Assert.Equal(NetError.Success, ephemeral.Bind(new IpEndpoint(IpAddress.AnyV4, 0)));
            Assert.InRange(ephemeral.LocalEndpoint.Port, 49152, 65535);
            var broadcaster = a.CreateSocket(SocketKind.Udp, false);
            Assert.Equal(NetError.AccessDenied, broadcaster.Send([1], new IpEndpoint(IpAddress.BroadcastV4, 9), out _));
            broadcaster.SetOption(SocketOption.Broadcast, 1);
            Assert.Equal(NetError.Success, broadcaster.Send([1], new IpEndpoint(IpAddress.BroadcastV4, 9), out _));
        }
    }

    [Fact]
    public void Every_arriving_datagram_raises_readable_and_the_queue_is_bounded()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var observer = new CountingObserver();
        var server = a.Udp(port: 4000);
        lock (a.Sync)
        {
            server.Observer = observer;
            Assert.Equal(NetError.Success, server.SetOption(SocketOption.ReceiveBufferSize, 4096));
        }
        var client = a.Udp();
        for (int i = 0; i < 10; i++)
            a.SendTo(client, new byte[1000], new IpEndpoint(IpAddress.LoopbackV4, 4000));
        net.Run(0.1);
        // 4096 bytes hold four 1000-byte datagrams; each one raised readable although the socket was readable already.
        Assert.Equal(4, observer.Readable);
        Assert.Equal(6, a.Statistics[DropReason.UdpReceiveQueueFull]);
        lock (a.Sync)
            Assert.True(server.Readiness.HasFlag(Readiness.Readable));
    }

    [Fact]
    public void A_closed_port_answers_port_unreachable_which_a_connected_socket_reports_and_errors_are_rate_limited()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        var client = a.Udp();
        lock (a.Sync)
            Assert.Equal(NetError.Success, client.Connect(new IpEndpoint(V4("10.0.0.2"), 1234)));
        lock (a.Sync)
            client.Send([1], null, out _);
        Assert.True(net.RunUntil(() => { lock (a.Sync) return client.Readiness.HasFlag(Readiness.Error); }));
        lock (a.Sync)
            Assert.Equal(NetError.ConnectionRefused, client.Receive(new byte[10], false, out _, out _, out _));

        for (int i = 0; i < 50; i++)
            lock (a.Sync)
                client.Send([1], null, out _);
        net.Run(0.001);
        Assert.Equal(51, b.Statistics[DropReason.UdpNoSocket]);
        Assert.True(b.Statistics[DropReason.IcmpErrorRateLimited] >= 50 - 10);
    }

    private sealed class CountingObserver : IReadinessObserver
    {
        public int Readable;

        public void OnReadinessRaised(NetSocket socket, Readiness raised)
        {
            if (raised.HasFlag(Readiness.Readable))
                Readable++;
        }
    }
}
