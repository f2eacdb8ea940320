using Xunit;
using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;

namespace Sharprun.Net.Tests.Tcp;

public class HandshakeTests
{
    [Fact]
    public void ConnectCompletesAsWritableAndAcceptReturnsTheConnection()
    {
        var bed = new TcpTestBed();
        var (client, server, listener) = bed.Connect();
        Assert.Equal(new IpEndpoint(TcpTestBed.AddressB, 80), client.RemoteEndpoint);
        Assert.Equal(TcpTestBed.AddressA, client.LocalEndpoint.Address);
        Assert.InRange(client.LocalEndpoint.Port, 49152, 65535);
        Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
        Assert.Equal(new IpEndpoint(TcpTestBed.AddressB, 80), server.LocalEndpoint);
        Assert.True((server.Readiness & Readiness.Writable) != 0);
        Assert.Equal(Readiness.None, listener.Readiness);
        Assert.Equal(NetError.WouldBlock, listener.Accept(out _));
        Assert.Equal(1, bed.A.ConnectionCount);
        Assert.Equal(1, bed.B.ConnectionCount);
    }

    [Fact]
    public void SynCarriesMssWindowScaleSackPermittedAndTimestamps()
    {
        var bed = new TcpTestBed();
        bed.Connect();
        var syn = bed.NetworkA.Sent[0].View;
        Assert.True(syn.Is(SegmentView.Syn) && !syn.Is(SegmentView.Ack));
        Assert.Equal(new byte[] { 0x05, 0xB4 }, syn.Option(2));
        Assert.NotNull(syn.Option(3));
        Assert.NotNull(syn.Option(4));
        Assert.NotNull(syn.Option(8));
        var synAck = bed.NetworkB.Sent[0].View;
        Assert.True(synAck.Is(SegmentView.Syn) && synAck.Is(SegmentView.Ack));
        Assert.Equal(syn.Sequence + 1, synAck.Acknowledgment);
        Assert.NotNull(synAck.Option(3));
        var ack = bed.NetworkA.Sent[1].View;
        Assert.Equal(synAck.Sequence + 1, ack.Acknowledgment);
        Assert.False(ack.Is(SegmentView.Syn));
    }

    [Fact]
    public void ListenerIsReadableWithAPendingConnectionAndRaisesAnEdge()
    {
        var bed = new TcpTestBed();
        var listener = bed.B.CreateSocket(false);
        var observer = new RecordingObserver();
        listener.Observer = observer;
        Assert.Equal(NetError.Success, listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80)));
        Assert.Equal(NetError.Success, listener.Listen(4));
        var client = bed.A.CreateSocket(false);
        client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        Assert.True(bed.Run(() => (listener.Readiness & Readiness.Readable) != 0, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, observer.Count(Readiness.Readable));
        Assert.Equal(1, listener.GetOption(SocketOption.AcceptConnections, out int accepting) == NetError.Success ? accepting : -1);
    }

    [Fact]
    public void ConnectToAClosedPortIsRefused()
    {
        var bed = new TcpTestBed();
        var client = bed.A.CreateSocket(false);
        var observer = new RecordingObserver();
        client.Observer = observer;
        Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 81)));
        Assert.True(bed.Run(() => (client.Readiness & Readiness.Error) != 0, TimeSpan.FromSeconds(1)));
        Assert.Equal(Readiness.Error | Readiness.Writable | Readiness.Hangup | Readiness.Readable | Readiness.ReadHangup, client.Readiness);
        Assert.True(observer.Count(Readiness.Writable) > 0);
        Assert.Equal(NetError.Success, client.GetOption(SocketOption.Error, out int error));
        Assert.Equal((int)NetError.ConnectionRefused, error);
        client.GetOption(SocketOption.Error, out error);
        Assert.Equal(0, error);
        Assert.Equal(0, bed.A.ConnectionCount);
        var rst = bed.NetworkB.Sent.Single().View;
        Assert.True(rst.Is(SegmentView.Rst) && rst.Is(SegmentView.Ack));
    }

    [Fact]
    public void ConnectWithoutARouteFailsAtOnce()
    {
        var bed = new TcpTestBed();
        bed.NetworkA.HasRoute = false;
        var client = bed.A.CreateSocket(false);
        Assert.Equal(NetError.NetworkUnreachable, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80)));
    }

    [Fact]
    public void SynRetransmissionsBackOffThenTimeOut()
    {
        var bed = new TcpTestBed();
        bed.Drop = _ => true;
        var client = bed.A.CreateSocket(false);
        client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        Assert.True(bed.Run(() => (client.Readiness & Readiness.Error) != 0, TimeSpan.FromMinutes(5)));
        var times = bed.NetworkA.Sent.Select(s => s.At).ToList();
        Assert.Equal(7, times.Count);
        for (int i = 2; i < times.Count; i++)
            Assert.Equal(2 * (times[i - 1] - times[i - 2]), times[i] - times[i - 1]);
        Assert.Equal(1_000_000_000UL, times[1] - times[0]);
        client.GetOption(SocketOption.Error, out int error);
        Assert.Equal((int)NetError.TimedOut, error);
    }

    [Fact]
    public void SimultaneousOpenEstablishesBothEnds()
    {
        var bed = new TcpTestBed();
        var a = bed.A.CreateSocket(false);
        var b = bed.B.CreateSocket(false);
        Assert.Equal(NetError.Success, a.Bind(new IpEndpoint(IpAddress.AnyV4, 5000)));
        Assert.Equal(NetError.Success, b.Bind(new IpEndpoint(IpAddress.AnyV4, 6000)));
        Assert.Equal(NetError.InProgress, a.Connect(new IpEndpoint(TcpTestBed.AddressB, 6000)));
        Assert.Equal(NetError.InProgress, b.Connect(new IpEndpoint(TcpTestBed.AddressA, 5000)));
        Assert.True(bed.Run(() => (a.Readiness & Readiness.Writable) != 0 && (b.Readiness & Readiness.Writable) != 0, TimeSpan.FromSeconds(5)));
        Assert.Equal(NetError.Success, a.Send("ping"u8, null, out int sent));
        Assert.Equal(4, sent);
        var buffer = new byte[16];
        int received = 0;
        Assert.True(bed.Run(() => b.Receive(buffer, false, out received, out _, out _) == NetError.Success, TimeSpan.FromSeconds(1)));
        Assert.Equal("ping"u8.ToArray(), buffer[..received]);
    }

    [Fact]
    public void DualStackListenerAcceptsV4PeersButAV4ListenerRefusesV6()
    {
        var clock = new VirtualClock();
        var v6Peer = IpAddress.LoopbackV6;
        var network = new FakeTcpNetwork(clock, TcpTestBed.AddressB);
        var layer = new Sharprun.Net.Tcp.TcpLayer(network, TcpTestBed.FastOptions());
        var dual = layer.CreateSocket(isV6: true);
        Assert.Equal(NetError.Success, dual.Bind(new IpEndpoint(IpAddress.AnyV6, 80)));
        Assert.Equal(NetError.Success, dual.Listen(4));
        layer.Deliver(TcpTestBed.AddressA, TcpTestBed.AddressB, SegmentBuilder.Build(TcpTestBed.AddressA, TcpTestBed.AddressB, 1234, 80, 100, 0, SegmentView.Syn, 65535));
        Assert.True(network.Sent.Single().View.Is(SegmentView.Syn));

        var v4Only = layer.CreateSocket(isV6: false);
        Assert.Equal(NetError.Success, v4Only.Bind(new IpEndpoint(IpAddress.AnyV4, 81)));
        Assert.Equal(NetError.Success, v4Only.Listen(4));
        layer.Deliver(v6Peer, new IpAddress(0, 2), SegmentBuilder.Build(v6Peer, new IpAddress(0, 2), 1234, 81, 100, 0, SegmentView.Syn, 65535));
        Assert.True(network.Sent[^1].View.Is(SegmentView.Rst));
    }

    [Fact]
    public void ARetransmittedSynIsAnsweredWithTheSynAckAgain()
    {
        var peer = new ScriptedPeer();
        var listener = peer.Layer.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(4);
        peer.Deliver(peer.Sequence, 0, SegmentView.Syn, 65535, ScriptedPeer.SynOptions());
        peer.Deliver(peer.Sequence, 0, SegmentView.Syn, 65535, ScriptedPeer.SynOptions());
        Assert.Equal(2, peer.Network.Sent.Count);
        Assert.All(peer.Network.Sent, s => Assert.True(s.View.Is(SegmentView.Syn) && s.View.Is(SegmentView.Ack)));
        Assert.Equal(peer.Network.Sent[0].View.Sequence, peer.Network.Sent[1].View.Sequence);
        Assert.Equal(1, peer.Layer.ConnectionCount);
    }
}
