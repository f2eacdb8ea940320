using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class AttackResistanceTests
{
    [Fact]
    public void InWindowRstWithTheWrongSequenceGetsAChallengeAck()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        int mark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence + 100, 0, SegmentView.Rst, 0);
        var challenge = peer.Network.Sent.Skip(mark).Single().View;
        Assert.True(challenge.Is(SegmentView.Ack) && !challenge.Is(SegmentView.Rst));
        Assert.Equal(peer.Sequence, challenge.Acknowledgment);
        Assert.Equal(1, peer.Layer.ConnectionCount);

        peer.Deliver(peer.Sequence + 1_000_000, 0, SegmentView.Rst, 0);
        Assert.Equal(mark + 1, peer.Network.Sent.Count);

        peer.Deliver(peer.Sequence, 0, SegmentView.Rst, 0);
        Assert.Equal(0, peer.Layer.ConnectionCount);
        Assert.Equal(NetError.ConnectionReset, server.Receive(new byte[1], false, out _, out _, out _));
    }

    [Fact]
    public void SynOnAnEstablishedConnectionGetsAChallengeAck()
    {
        var peer = new ScriptedPeer();
        peer.Open();
        int mark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence + 5, 0, SegmentView.Syn, 65535);
        var challenge = peer.Network.Sent.Skip(mark).Single().View;
        Assert.True(challenge.Is(SegmentView.Ack) && !challenge.Is(SegmentView.Syn));
        Assert.Equal(peer.Sequence, challenge.Acknowledgment);
        Assert.Equal(1, peer.Layer.ConnectionCount);
    }

    [Fact]
    public void ChallengeAcksAreRateLimited()
    {
        var peer = new ScriptedPeer(new Sharprun.Net.Tcp.TcpOptions { ChallengeAcksPerSecond = 10, RandomSeed = 1 });
        peer.Open();
        int mark = peer.Network.Sent.Count;
        for (int i = 0; i < 1000; i++)
            peer.Deliver(peer.Sequence + 1 + (uint)i, 0, SegmentView.Rst, 0);
        Assert.Equal(10, peer.Network.Sent.Count - mark);
        peer.Clock.Advance(TimeSpan.FromSeconds(1));
        peer.Deliver(peer.Sequence + 7, 0, SegmentView.Rst, 0);
        Assert.Equal(11, peer.Network.Sent.Count - mark);
    }

    [Fact]
    public void AckForDataNeverSentIsAnsweredAndIgnored()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        int mark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, peer.LayerIss + 5000, SegmentView.Ack, 65535, payload: "data"u8);
        Assert.Equal(NetError.WouldBlock, server.Receive(new byte[8], false, out _, out _, out _));
        Assert.Equal(peer.Sequence, peer.Network.Sent.Skip(mark).Single().View.Acknowledgment);
    }

    [Fact]
    public void SynFloodStaysWithinTheHalfOpenBound()
    {
        var peer = new ScriptedPeer();
        var listener = peer.Layer.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(128);
        peer.Network.Record = false;
        var random = new Random(9);
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < 100_000; i++)
        {
            var source = IpAddress.FromV4((uint)random.Next());
            var syn = SegmentBuilder.Build(source, ScriptedPeer.LayerAddress, (ushort)random.Next(1, 65536), 80, (uint)random.Next(), 0, SegmentView.Syn, 65535, ScriptedPeer.SynOptions(windowScale: 7, sackPermitted: true));
            peer.Layer.Deliver(source, ScriptedPeer.LayerAddress, syn);
            Assert.True(peer.Layer.ConnectionCount <= 256);
            if (i % 1000 == 0)
                peer.Clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        peer.Layer.RunTimers();
        long after = GC.GetTotalMemory(true);
        Assert.Equal(256, peer.Layer.ConnectionCount);
        Assert.True(after - before < 16 * 1024 * 1024, $"grew {after - before} bytes");
        peer.Network.Record = true;

        // A real client still gets through.
        peer.Deliver(peer.Sequence, 0, SegmentView.Syn, 65535, ScriptedPeer.SynOptions());
        var synAck = peer.Network.Sent[^1].View;
        peer.Deliver(peer.Sequence + 1, synAck.Sequence + 1, SegmentView.Ack, 65535);
        Assert.Equal(NetError.Success, listener.Accept(out _));

        // Half-open connections give up after their SYN-ACK retransmissions.
        peer.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, peer.Layer.ConnectionCount);
    }

    [Fact]
    public void FullAcceptQueueDropsNewSyns()
    {
        var peer = new ScriptedPeer();
        var listener = peer.Layer.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(1);
        for (ushort port = 1000; port < 1003; port++)
        {
            var source = ScriptedPeer.PeerAddress;
            peer.Layer.Deliver(source, ScriptedPeer.LayerAddress, SegmentBuilder.Build(source, ScriptedPeer.LayerAddress, port, 80, 10, 0, SegmentView.Syn, 65535));
            var synAck = peer.Network.Sent[^1].View;
            peer.Layer.Deliver(source, ScriptedPeer.LayerAddress, SegmentBuilder.Build(source, ScriptedPeer.LayerAddress, port, 80, 11, synAck.Acknowledgment == 11 ? synAck.Sequence + 1 : 0, SegmentView.Ack, 65535));
        }
        Assert.Equal(NetError.Success, listener.Accept(out _));
        Assert.Equal(NetError.WouldBlock, listener.Accept(out _));
    }
}
