using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class LifecycleTests
{
    [Fact]
    public void AnOrphanInFinWait2IsDroppedAfterTheLimit()
    {
        var options = new Sharprun.Net.Tcp.TcpOptions { OrphanFinWait2Timeout = TimeSpan.FromSeconds(5), RandomSeed = 1 };
        var peer = new ScriptedPeer(options);
        var server = peer.Open();
        server.Close();
        var fin = peer.Network.Sent[^1].View;
        Assert.True(fin.Is(SegmentView.Fin));
        peer.Deliver(peer.Sequence, fin.Sequence + 1, SegmentView.Ack, 65535);
        Assert.Equal(1, peer.Layer.ConnectionCount);
        peer.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, peer.Layer.ConnectionCount);
        peer.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, peer.Layer.ConnectionCount);
    }

    [Fact]
    public void ClosedSocketLingersUntilItsFinIsAcknowledged()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.Send(new byte[100], null, out _);
        server.Close();
        Assert.Equal(1, peer.Layer.ConnectionCount);
        peer.Advance(TimeSpan.FromMilliseconds(500));
        var resent = peer.Network.Sent[^1].View;
        Assert.True(resent.Is(SegmentView.Fin));
        Assert.Equal(100, resent.PayloadLength);
    }

    [Fact]
    public void PeerFinThenOurCloseGoesThroughLastAck()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        var observer = new RecordingObserver();
        server.Observer = observer;
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack | SegmentView.Fin, 65535, payload: "end"u8);
        Assert.True(observer.Count(Readiness.ReadHangup) > 0);
        var buffer = new byte[8];
        Assert.Equal(NetError.Success, server.Receive(buffer, false, out int received, out _, out _));
        Assert.Equal(3, received);
        Assert.Equal(NetError.Success, server.Receive(buffer, false, out received, out _, out _));
        Assert.Equal(0, received);
        Assert.True(server.ReadinessHas(Readiness.Writable));
        Assert.Equal(NetError.Success, server.Send("reply"u8, null, out _));
        server.Close();
        var fin = peer.Network.Sent[^1].View;
        Assert.True(fin.Is(SegmentView.Fin));
        peer.Deliver(peer.Sequence + 4, fin.Sequence + 1, SegmentView.Ack, 65535);
        Assert.Equal(0, peer.Layer.ConnectionCount);
    }

    [Fact]
    public void OutOfOrderFinIsHeldUntilTheDataBeforeItArrives()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        peer.Deliver(peer.Sequence + 5, peer.LayerIss + 1, SegmentView.Ack | SegmentView.Fin, 65535, payload: "world"u8);
        Assert.False(server.ReadinessHas(Readiness.ReadHangup));
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535, payload: "hello"u8);
        Assert.True(server.ReadinessHas(Readiness.ReadHangup));
        var buffer = new byte[16];
        server.Receive(buffer, false, out int received, out _, out _);
        Assert.Equal("helloworld"u8.ToArray(), buffer[..received]);
        Assert.Equal(peer.Sequence + 11, peer.Network.Sent[^1].View.Acknowledgment);
    }

    [Fact]
    public void ShutdownReceiveMakesReceiveReturnEndOfStream()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        Assert.Equal(NetError.Success, server.Shutdown(ShutdownDirection.Receive));
        Assert.True(server.ReadinessHas(Readiness.ReadHangup));
        Assert.Equal(NetError.Success, server.Receive(new byte[4], false, out int received, out _, out _));
        Assert.Equal(0, received);
        Assert.Equal(NetError.Success, server.Send("still"u8, null, out _));
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Readable), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void HardUnreachableFailsAConnectAndSoftOneIsReportedAtTimeout()
    {
        var bed = new TcpTestBed();
        bed.Drop = _ => true;
        var hard = bed.A.CreateSocket(false);
        hard.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        bed.A.OnDestinationUnreachable(TcpTestBed.AddressA, TcpTestBed.AddressB, 80, hard.LocalEndpoint.Port, hard: true);
        hard.GetOption(SocketOption.Error, out int error);
        Assert.Equal((int)NetError.HostUnreachable, error);

        var soft = bed.A.CreateSocket(false);
        soft.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        bed.A.OnDestinationUnreachable(TcpTestBed.AddressA, TcpTestBed.AddressB, 80, soft.LocalEndpoint.Port, hard: false);
        Assert.False(soft.ReadinessHas(Readiness.Error));
        Assert.True(bed.Run(() => soft.ReadinessHas(Readiness.Error), TimeSpan.FromMinutes(5)));
        soft.GetOption(SocketOption.Error, out error);
        Assert.Equal((int)NetError.HostUnreachable, error);
    }

    [Fact]
    public void Ipv6ConnectionsWork()
    {
        var clock = new VirtualClock();
        var addressA = new IpAddress(0xFD00_0000_0000_0000, 1);
        var addressB = new IpAddress(0xFD00_0000_0000_0000, 2);
        var networkA = new FakeTcpNetwork(clock, addressA);
        var networkB = new FakeTcpNetwork(clock, addressB);
        var a = new Sharprun.Net.Tcp.TcpLayer(networkA, TcpTestBed.FastOptions());
        var b = new Sharprun.Net.Tcp.TcpLayer(networkB, TcpTestBed.FastOptions());
        var queue = new Queue<(SentSegment, Sharprun.Net.Tcp.TcpLayer)>();
        networkA.Transmit = s => queue.Enqueue((s, b));
        networkB.Transmit = s => queue.Enqueue((s, a));
        var listener = b.CreateSocket(true);
        Assert.Equal(NetError.Success, listener.Bind(new IpEndpoint(IpAddress.AnyV6, 443)));
        listener.Listen(4);
        var client = a.CreateSocket(true);
        Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(addressB, 443)));
        while (queue.TryDequeue(out var item))
            item.Item2.Deliver(item.Item1.Source, item.Item1.Destination, item.Item1.Bytes);
        Assert.Equal(NetError.Success, listener.Accept(out var server));
        Assert.Equal(addressA, server!.RemoteEndpoint!.Value.Address);
        Assert.Equal(new byte[] { 0x05, 0xA0 }, networkA.Sent[0].View.Option(2));
        client.Send("v6"u8, null, out _);
        while (queue.TryDequeue(out var item))
            item.Item2.Deliver(item.Item1.Source, item.Item1.Destination, item.Item1.Bytes);
        Assert.Equal(NetError.Success, server.Receive(new byte[4], false, out int received, out _, out _));
        Assert.Equal(2, received);
    }

    [Fact]
    public void DataForAClosedSocketIsAnsweredWithReset()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.Close();
        var fin = peer.Network.Sent[^1].View;
        peer.Deliver(peer.Sequence, fin.Sequence + 1, SegmentView.Ack, 65535, payload: "late"u8);
        Assert.True(peer.Network.Sent[^1].View.Is(SegmentView.Rst));
        Assert.Equal(0, peer.Layer.ConnectionCount);
    }
}
