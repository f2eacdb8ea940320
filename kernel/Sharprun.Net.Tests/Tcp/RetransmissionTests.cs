using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class RetransmissionTests
{
    [Fact]
    public void RetransmissionTimeoutDoublesFromTheFloor()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        int mark = peer.Network.Sent.Count;
        Assert.Equal(NetError.Success, server.Send(new byte[1000], null, out _));
        peer.Advance(TimeSpan.FromSeconds(10));
        var times = peer.DataSince(mark).Select(s => s.At).ToList();
        Assert.True(times.Count >= 5);
        // The handshake's RTT sample was ~0, so the first RTO is Linux's 200 ms floor.
        Assert.Equal(200_000_000UL, times[1] - times[0]);
        for (int i = 2; i < times.Count; i++)
            Assert.Equal(2 * (times[i - 1] - times[i - 2]), times[i] - times[i - 1]);
        Assert.All(peer.DataSince(mark), s => Assert.Equal(peer.LayerIss + 1, s.View.Sequence));
    }

    [Fact]
    public void DataRetriesExhaustedTimesTheConnectionOut()
    {
        var peer = new ScriptedPeer(new Sharprun.Net.Tcp.TcpOptions { DataRetries = 3, RandomSeed = 1 });
        var server = peer.Open();
        server.Send(new byte[10], null, out _);
        peer.Advance(TimeSpan.FromSeconds(30));
        Assert.True(server.ReadinessHas(Readiness.Error));
        server.GetOption(SocketOption.Error, out int error);
        Assert.Equal((int)NetError.TimedOut, error);
        Assert.Equal(0, peer.Layer.ConnectionCount);
    }

    [Fact]
    public void ThreeDuplicateAcksTriggerFastRetransmitBeforeTheTimer()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.SetOption(SocketOption.NoDelay, 1);
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[8 * 1460], null, out _);
        var data = peer.DataSince(mark);
        Assert.Equal(8, data.Count);
        uint first = peer.LayerIss + 1;
        uint second = first + 1460;
        peer.Deliver(peer.Sequence, second, SegmentView.Ack, 65535);
        int beforeDuplicates = peer.Network.Sent.Count;
        for (int i = 0; i < 2; i++)
            peer.Deliver(peer.Sequence, second, SegmentView.Ack, 65535);
        Assert.Empty(peer.DataSince(beforeDuplicates));
        peer.Deliver(peer.Sequence, second, SegmentView.Ack, 65535);
        var retransmitted = peer.DataSince(beforeDuplicates);
        Assert.Single(retransmitted);
        Assert.Equal(second, retransmitted[0].View.Sequence);
    }

    [Fact]
    public void SackedSegmentsAreNotResentDuringRecovery()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(sackPermitted: true));
        server.SetOption(SocketOption.NoDelay, 1);
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[10 * 1460], null, out _);
        Assert.Equal(10, peer.DataSince(mark).Count);
        uint start = peer.LayerIss + 1;
        // Segments 1 and 4 are lost; the peer SACKs 2-3 and 5-9 as they arrive.
        uint Seg(int i) => start + (uint)(i * 1460);
        int recoveryMark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, Seg(1), SegmentView.Ack, 65535);
        peer.Deliver(peer.Sequence, Seg(1), SegmentView.Ack, 65535, ScriptedPeer.SackOption((Seg(2), Seg(3))));
        peer.Deliver(peer.Sequence, Seg(1), SegmentView.Ack, 65535, ScriptedPeer.SackOption((Seg(2), Seg(4))));
        peer.Deliver(peer.Sequence, Seg(1), SegmentView.Ack, 65535, ScriptedPeer.SackOption((Seg(5), Seg(6)), (Seg(2), Seg(4))));
        for (int i = 7; i <= 10; i++)
            peer.Deliver(peer.Sequence, Seg(1), SegmentView.Ack, 65535, ScriptedPeer.SackOption((Seg(5), Seg(i)), (Seg(2), Seg(4))));
        var resent = peer.DataSince(recoveryMark).Where(s => SequenceLess(s.View.Sequence, Seg(10))).Select(s => s.View.Sequence).ToList();
        Assert.Contains(Seg(1), resent);
        Assert.Contains(Seg(4), resent);
        Assert.DoesNotContain(Seg(2), resent);
        Assert.DoesNotContain(Seg(3), resent);
        Assert.DoesNotContain(Seg(5), resent);
        Assert.DoesNotContain(Seg(8), resent);
    }

    private static bool SequenceLess(uint a, uint b) => (int)(a - b) < 0;

    [Fact]
    public void OutOfOrderDataIsAnsweredAtOnceWithSackBlocks()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(sackPermitted: true));
        int mark = peer.Network.Sent.Count;
        uint ack = peer.LayerIss + 1;
        peer.Deliver(peer.Sequence + 1000, ack, SegmentView.Ack, 65535, payload: new byte[500]);
        peer.Deliver(peer.Sequence + 3000, ack, SegmentView.Ack, 65535, payload: new byte[500]);
        var acks = peer.Network.Sent.Skip(mark).Select(s => s.View).ToList();
        Assert.Equal(2, acks.Count);
        Assert.Equal(peer.Sequence, acks[1].Acknowledgment);
        var blocks = acks[1].SackBlocks();
        Assert.Equal((peer.Sequence + 3000, peer.Sequence + 3500), blocks[0]);
        Assert.Equal((peer.Sequence + 1000, peer.Sequence + 1500), blocks[1]);

        peer.Deliver(peer.Sequence, ack, SegmentView.Ack, 65535, payload: new byte[1000]);
        Assert.Equal(peer.Sequence + 1500, peer.Network.Sent[^1].View.Acknowledgment);
        Assert.Single(peer.Network.Sent[^1].View.SackBlocks());
        Assert.Equal(NetError.Success, server.Receive(new byte[4000], false, out int received, out _, out _));
        Assert.Equal(1500, received);
    }

    [Fact]
    public void PathMtuDropShrinksSegmentsAndResendsAtOnce()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.SetOption(SocketOption.NoDelay, 1);
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[3000], null, out _);
        Assert.Equal(1460, peer.DataSince(mark)[0].View.PayloadLength);
        int afterFirst = peer.Network.Sent.Count;
        peer.Layer.OnPacketTooBig(ScriptedPeer.LayerAddress, ScriptedPeer.PeerAddress, ScriptedPeer.PeerPort, ScriptedPeer.ServerPort, 1000);
        var resent = peer.DataSince(afterFirst);
        Assert.NotEmpty(resent);
        Assert.All(resent, s => Assert.True(s.View.PayloadLength <= 960));
        Assert.Equal(peer.LayerIss + 1, resent[0].View.Sequence);
    }

    [Fact]
    public void TailLossIsProbedBeforeTheTimerAndRepairedBySack()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(sackPermitted: true));
        server.SetOption(SocketOption.NoDelay, 1);
        uint start = peer.LayerIss + 1;
        uint Seg(int i) => start + (uint)(i * 1460);
        int mark = peer.Network.Sent.Count;
        ulong sentAt = peer.Clock.Now;
        server.Send(new byte[4 * 1460], null, out _);
        Assert.Equal(4, peer.DataSince(mark).Count);
        // Segments 2 and 3 (the tail) are lost; the ACK for 0-1 arrives after 10 ms.
        peer.Clock.Advance(TimeSpan.FromMilliseconds(10));
        peer.Deliver(peer.Sequence, Seg(2), SegmentView.Ack, 65535);
        int probeMark = peer.Network.Sent.Count;
        peer.Advance(TimeSpan.FromMilliseconds(100));
        var probe = peer.DataSince(probeMark).Single();
        Assert.Equal(Seg(3), probe.View.Sequence);
        Assert.True(probe.At - sentAt < 200_000_000UL, "the probe should beat the 200 ms RTO");

        int repairMark = peer.Network.Sent.Count;
        peer.Deliver(peer.Sequence, Seg(2), SegmentView.Ack, 65535, ScriptedPeer.SackOption((Seg(3), Seg(4))));
        var repair = peer.DataSince(repairMark).Single();
        Assert.Equal(Seg(2), repair.View.Sequence);
    }

    [Fact]
    public void CongestionWindowRestartsAfterIdle()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open();
        server.SetOption(SocketOption.NoDelay, 1);
        // Sends 200 segments, acknowledging each burst whole; returns the first burst and the largest.
        (int First, int Largest) Transfer()
        {
            int mark = peer.Network.Sent.Count;
            server.Send(new byte[200 * 1460], null, out _);
            var burst = peer.DataSince(mark);
            int first = burst.Count, largest = first;
            while (burst.Count > 0)
            {
                uint acked = burst.Max(d => d.View.Sequence + (uint)d.View.PayloadLength);
                mark = peer.Network.Sent.Count;
                peer.Deliver(peer.Sequence, acked, SegmentView.Ack, 65535);
                burst = peer.DataSince(mark);
                largest = Math.Max(largest, burst.Count);
            }
            return (first, largest);
        }
        var warm = Transfer();
        Assert.Equal(10, warm.First);
        Assert.True(warm.Largest > 20);
        peer.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(10, Transfer().First);
    }
}
