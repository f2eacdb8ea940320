using System.Buffers.Binary;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class TimestampTests
{
    private static byte[] Timestamps(uint value, uint echo)
    {
        var option = new byte[12];
        option[0] = 1;
        option[1] = 1;
        option[2] = 8;
        option[3] = 10;
        BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(4), value);
        BinaryPrimitives.WriteUInt32BigEndian(option.AsSpan(8), echo);
        return option;
    }

    private static uint Value(SentSegment segment) => BinaryPrimitives.ReadUInt32BigEndian(segment.View.Option(8)!);

    private static uint Echo(SentSegment segment) => BinaryPrimitives.ReadUInt32BigEndian(segment.View.Option(8).AsSpan(4));

    [Fact]
    public void EverySegmentEchoesThePeersTimestamp()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(timestamp: 100));
        Assert.Equal(100u, Echo(peer.Network.Sent[0]));
        server.Send(new byte[10], null, out _);
        Assert.Equal(100u, Echo(peer.Network.Sent[^1]));
        peer.Deliver(peer.Sequence, peer.LayerIss + 11, SegmentView.Ack, 65535, Timestamps(200, Value(peer.Network.Sent[^1])), new byte[5]);
        peer.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(200u, Echo(peer.Network.Sent[^1]));
    }

    [Fact]
    public void EchoedTimestampsMeasureTheRoundTripForTheRto()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(timestamp: 1));
        server.SetOption(SocketOption.NoDelay, 1);
        // Ten round trips of 300 ms each: the RTO settles above them instead of at the 200 ms floor.
        uint acked = peer.LayerIss + 1;
        for (int i = 0; i < 10; i++)
        {
            server.Send(new byte[100], null, out _);
            var data = peer.Network.Sent[^1];
            peer.Clock.Advance(TimeSpan.FromMilliseconds(300));
            acked += 100;
            peer.Deliver(peer.Sequence, acked, SegmentView.Ack, 65535, Timestamps(10 + (uint)i, Value(data)));
        }
        int mark = peer.Network.Sent.Count;
        server.Send(new byte[100], null, out _);
        ulong sentAt = peer.Network.Sent[^1].At;
        peer.Advance(TimeSpan.FromSeconds(2));
        var retransmission = peer.DataSince(mark + 1)[0];
        Assert.InRange(retransmission.At - sentAt, 300_000_000UL, 1_000_000_000UL);
    }

    [Fact]
    public void PawsDropsASegmentWithAnOlderTimestamp()
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(timestamp: 1000));
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535, Timestamps(500, 0), "old"u8);
        Assert.Equal(NetError.WouldBlock, server.Receive(new byte[8], false, out _, out _, out _));
        peer.Deliver(peer.Sequence, peer.LayerIss + 1, SegmentView.Ack, 65535, Timestamps(1001, 0), "new"u8);
        Assert.Equal(NetError.Success, server.Receive(new byte[8], false, out int received, out _, out _));
        Assert.Equal(3, received);
    }
}
