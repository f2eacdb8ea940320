using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class KeepAliveTests
{
    private static NetSocket OpenWithKeepAlive(ScriptedPeer peer)
    {
        var server = peer.Open();
        Assert.Equal(NetError.Success, server.SetOption(SocketOption.KeepAliveIdle, 10));
        Assert.Equal(NetError.Success, server.SetOption(SocketOption.KeepAliveInterval, 2));
        Assert.Equal(NetError.Success, server.SetOption(SocketOption.KeepAliveCount, 3));
        Assert.Equal(NetError.Success, server.SetOption(SocketOption.KeepAlive, 1));
        return server;
    }

    [Fact]
    public void UnansweredProbesTimeTheConnectionOut()
    {
        var peer = new ScriptedPeer();
        ulong start = peer.Clock.Now;
        var server = OpenWithKeepAlive(peer);
        int mark = peer.Network.Sent.Count;
        peer.Advance(TimeSpan.FromSeconds(30));
        var sent = peer.Network.Sent.Skip(mark).ToList();
        var probes = sent.Where(s => !s.View.Is(SegmentView.Rst)).ToList();
        Assert.Equal(3, probes.Count);
        Assert.Equal(new ulong[] { 10, 12, 14 }, probes.Select(p => (p.At - start) / 1_000_000_000).ToArray());
        Assert.All(probes, p => Assert.Equal(peer.LayerIss, p.View.Sequence));
        Assert.True(sent[^1].View.Is(SegmentView.Rst));
        Assert.Equal(16UL, (sent[^1].At - start) / 1_000_000_000);
        server.GetOption(SocketOption.Error, out int error);
        Assert.Equal((int)NetError.TimedOut, error);
    }

    [Fact]
    public void AnsweredProbesKeepTheConnection()
    {
        var peer = new ScriptedPeer();
        var server = OpenWithKeepAlive(peer);
        for (int i = 0; i < 10; i++)
        {
            int mark = peer.Network.Sent.Count;
            peer.Advance(TimeSpan.FromSeconds(11));
            Assert.NotEmpty(peer.Network.Sent.Skip(mark));
            peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535);
        }
        Assert.Equal(1, peer.Layer.ConnectionCount);
        Assert.False(server.ReadinessHas(Readiness.Error));
    }

    [Fact]
    public void KeepAliveOffSendsNothing()
    {
        var peer = new ScriptedPeer();
        peer.Open();
        int mark = peer.Network.Sent.Count;
        peer.Advance(TimeSpan.FromHours(3));
        Assert.Equal(mark, peer.Network.Sent.Count);
    }

    [Fact]
    public void OptionsReadBack()
    {
        var peer = new ScriptedPeer();
        var server = OpenWithKeepAlive(peer);
        server.GetOption(SocketOption.KeepAliveIdle, out int idle);
        server.GetOption(SocketOption.KeepAlive, out int on);
        Assert.Equal((10, 1), (idle, on));
        Assert.Equal(NetError.InvalidArgument, server.SetOption(SocketOption.KeepAliveCount, 0));
        Assert.Equal(NetError.NoProtocolOption, server.SetOption(SocketOption.Broadcast, 1));
    }
}
