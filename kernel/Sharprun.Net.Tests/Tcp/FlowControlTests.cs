using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class FlowControlTests
{
    [Fact]
    public void WindowScaleIsNegotiatedBothWays()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(windowScale: 7), window: 65535);
        var synAck = peer.Network.Sent[0].View;
        // 256 KiB of receive buffer needs a shift of 3 to fit 16 bits.
        Assert.Equal(new byte[] { 3 }, synAck.Option(3));
        Assert.Equal(65535, synAck.Window);

        // The peer's window field of 30 means 30 << 7 = 3840 bytes: two full segments and no runt (sender SWS avoidance).
        server.SetOption(SocketOption.NoDelay, 1);
        int mark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 30);
        server.Send(new byte[10_000], null, out _);
        var data = peer.DataSince(mark);
        Assert.Equal(2920, data.Sum(s => s.View.PayloadLength));

        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 20, payload: new byte[100]);
        peer.Advance(TimeSpan.FromMilliseconds(50));
        var ack = peer.Network.Sent[^1].View;
        Assert.Equal((256 * 1024 - 100) >> 3, ack.Window);
    }

    [Fact]
    public void WithoutTheOptionNoScalingIsUsed()
    {
        var peer = new ScriptedPeer();
        peer.Open(ScriptedPeer.SynOptions());
        Assert.Null(peer.Network.Sent[0].View.Option(3));
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535, payload: new byte[100]);
        peer.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(65535, peer.Network.Sent[^1].View.Window);
    }

    [Fact]
    public void ZeroWindowIsProbedWithBackoffUntilItOpens()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.SetOption(SocketOption.NoDelay, 1);
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 0);
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[5000], null, out _);
        Assert.Empty(peer.DataSince(mark));
        peer.Advance(TimeSpan.FromSeconds(2));
        var probes = peer.DataSince(mark);
        Assert.True(probes.Count >= 2);
        Assert.All(probes, p => Assert.Equal(1, p.View.PayloadLength));
        // The receiver keeps answering with window 0 and without taking the byte; the probes back off.
        for (int round = 0; round < 3; round++)
        {
            peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 0);
            peer.Advance(TimeSpan.FromSeconds(3));
        }
        var all = peer.DataSince(mark);
        var gaps = all.Zip(all.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[^1] > gaps[0]);
        int before = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535);
        Assert.Equal(5000, peer.DataSince(before).Sum(s => s.View.PayloadLength));
    }

    [Fact]
    public void ReceiverThatDoesNotReadClosesItsWindowAndReopensIt()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect(configureListener: l => l.SetOption(SocketOption.ReceiveBufferSize, 16384));
        var data = new byte[100_000];
        int total = 0;
        bed.Run(() =>
        {
            if (client.Send(data.AsSpan(total % data.Length), null, out int sent) == NetError.Success)
                total += sent;
            return false;
        }, TimeSpan.FromSeconds(5));
        // The window shrinks to less than a segment (the sender then sends no runt into it) and nothing more moves.
        Assert.True(bed.NetworkB.Sent[^1].View.Window < 1448);
        Assert.True(bed.NetworkA.Sent[^1].At < bed.Clock.Now - 1_000_000_000);
        var sink = new byte[65536];
        int received = 0;
        Assert.True(bed.Run(() =>
        {
            while (server.Receive(sink, false, out int n, out _, out _) == NetError.Success && n > 0)
                received += n;
            return received >= total;
        }, TimeSpan.FromSeconds(60)));
        Assert.Equal(total, received);
    }

    [Fact]
    public void NagleHoldsASmallSegmentWhileDataIsUnacknowledged()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[10], null, out _);
        server.Send(new byte[10], null, out _);
        Assert.Single(peer.DataSince(mark));
        peer.Deliver(peer.Sequence, peer.LayerIss + 11, SegmentView.Ack, 65535);
        var data = peer.DataSince(mark);
        Assert.Equal(2, data.Count);
        Assert.Equal(10, data[1].View.PayloadLength);
    }

    [Fact]
    public void NoDelaySendsSmallSegmentsAtOnce()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        Assert.Equal(NetError.Success, server.SetOption(SocketOption.NoDelay, 1));
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[10], null, out _);
        server.Send(new byte[10], null, out _);
        Assert.Equal(2, peer.DataSince(mark).Count);
    }

    [Fact]
    public void OneSegmentIsAckedAfterTheDelayAndTwoFullSegmentsAtOnce()
    {
        var peer = new ScriptedPeer();
        peer.Open();
        uint ack = peer.LayerIss + 1;
        int mark = peer.Network.Sent.Count;
        ulong sentAt = peer.Clock.Now;
        peer.Deliver(peer.Sequence, ack, SegmentView.Ack, 65535, payload: new byte[100]);
        peer.Sequence += 100;
        Assert.Equal(mark, peer.Network.Sent.Count);
        peer.Advance(TimeSpan.FromMilliseconds(100));
        var delayed = peer.Network.Sent.Skip(mark).Single();
        Assert.Equal(40_000_000UL, delayed.At - sentAt);
        Assert.Equal(peer.Sequence, delayed.View.Acknowledgment);

        mark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, ack, SegmentView.Ack, 65535, payload: new byte[1460]);
        peer.Sequence += 1460;
        Assert.Equal(mark, peer.Network.Sent.Count);
        peer.Deliver(peer.Sequence, ack, SegmentView.Ack, 65535, payload: new byte[1460]);
        peer.Sequence += 1460;
        Assert.Equal(peer.Sequence, peer.Network.Sent.Skip(mark).Single().View.Acknowledgment);
    }
}
