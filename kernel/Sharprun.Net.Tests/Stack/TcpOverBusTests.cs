using Sharprun.Hypercall.Hosted.Network;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Support;
using static Sharprun.Net.Tests.Support.TestNetwork;

namespace Sharprun.Net.Tests.Stack;

/// <summary>TCP through the whole stack — IP, ARP, Ethernet, the bus — rather than the TCP layer's own fakes.</summary>
public class TcpOverBusTests
{
    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.02, 2)]
    public void A_megabyte_crosses_the_bus_both_ways_intact(double loss, int seed)
    {
        var net = new TestNetwork(seed);
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        var b = net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        net.Bus.Faults = new BusFaults(Loss: loss, Reorder: loss);
        NetSocket listener, client;
        lock (b.Sync)
        {
            listener = b.CreateSocket(SocketKind.Tcp, isV6: false);
            Assert.Equal(NetError.Success, listener.Bind(new IpEndpoint(IpAddress.AnyV4, 8080)));
            Assert.Equal(NetError.Success, listener.Listen(16));
        }
        lock (a.Sync)
        {
            client = a.CreateSocket(SocketKind.Tcp, isV6: false);
            Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(V4("10.0.0.2"), 8080)));
        }
        NetSocket? accepted = null;
        Assert.True(net.RunUntil(() => { lock (b.Sync) return listener.Accept(out accepted) == NetError.Success; }));
        lock (a.Sync)
            Assert.True(client.Readiness.HasFlag(Readiness.Writable));

        var upload = new byte[1 << 20];
        var download = new byte[1 << 20];
        new Random(seed).NextBytes(upload);
        new Random(seed + 100).NextBytes(download);
        var uploaded = new Transfer(a, client, upload);
        var downloaded = new Transfer(b, accepted!, download);
        var atServer = new List<byte>();
        var atClient = new List<byte>();
        Assert.True(net.RunUntil(() =>
        {
            uploaded.Pump();
            downloaded.Pump();
            Drain(b, accepted!, atServer);
            Drain(a, client, atClient);
            return atServer.Count == upload.Length && atClient.Count == download.Length;
        }, seconds: 600));
        Assert.Equal(upload, atServer.ToArray());
        Assert.Equal(download, atClient.ToArray());

        lock (a.Sync)
            client.Close();
        Assert.True(net.RunUntil(() => { lock (b.Sync) return accepted!.Receive(new byte[1], false, out int n, out _, out _) == NetError.Success && n == 0; }));
    }

    [Fact]
    public void A_connect_to_a_closed_port_is_refused()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        net.AddStatic(0x02_00_00_00_00_02, "10.0.0.2");
        NetSocket client;
        lock (a.Sync)
        {
            client = a.CreateSocket(SocketKind.Tcp, isV6: false);
            Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(V4("10.0.0.2"), 9)));
        }
        Assert.True(net.RunUntil(() => { lock (a.Sync) return client.Readiness.HasFlag(Readiness.Error); }));
        lock (a.Sync)
        {
            Assert.Equal(NetError.Success, client.GetOption(SocketOption.Error, out int error));
            Assert.Equal((int)NetError.ConnectionRefused, error);
        }
    }

    [Fact]
    public void Loopback_connections_work_without_any_device()
    {
        var net = new TestNetwork();
        var a = net.AddStatic(0x02_00_00_00_00_01, "10.0.0.1");
        NetSocket listener, client;
        lock (a.Sync)
        {
            listener = a.CreateSocket(SocketKind.Tcp, isV6: true);
            Assert.Equal(NetError.Success, listener.Bind(new IpEndpoint(IpAddress.AnyV6, 80)));
            Assert.Equal(NetError.Success, listener.Listen(4));
            client = a.CreateSocket(SocketKind.Tcp, isV6: false);
            Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(IpAddress.LoopbackV4, 80)));
        }
        NetSocket? accepted = null;
        Assert.True(net.RunUntil(() => { lock (a.Sync) return listener.Accept(out accepted) == NetError.Success; }));
        lock (a.Sync)
        {
            Assert.Equal(NetError.Success, client.Send("ping"u8, null, out int sent));
            Assert.Equal(4, sent);
            Assert.Equal(IpAddress.LoopbackV4, accepted!.RemoteEndpoint!.Value.Address);
        }
        var received = new List<byte>();
        Assert.True(net.RunUntil(() => { Drain(a, accepted!, received); return received.Count == 4; }));
        Assert.Equal("ping"u8.ToArray(), received.ToArray());
        Assert.Equal(0, net.Bus.FramesDelivered);
    }

    private static void Drain(NetworkStack stack, NetSocket socket, List<byte> into)
    {
        var buffer = new byte[65536];
        lock (stack.Sync)
        {
            while (socket.Receive(buffer, false, out int received, out _, out _) == NetError.Success && received > 0)
                into.AddRange(buffer.AsSpan(0, received).ToArray());
        }
    }

    private sealed class Transfer(NetworkStack stack, NetSocket socket, byte[] data)
    {
        private int _offset;

        public void Pump()
        {
            lock (stack.Sync)
            {
                while (_offset < data.Length && socket.Send(data.AsSpan(_offset), null, out int sent) == NetError.Success && sent > 0)
                    _offset += sent;
            }
        }
    }
}
