using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class SequenceWrapTests
{
    [Fact]
    public void ReassemblyAndSackWorkAcrossTheSequenceWrap()
    {
        var peer = new ScriptedPeer { Sequence = 0xFFFF_FE00 };
        var server = peer.Open(ScriptedPeer.SynOptions(sackPermitted: true));
        uint ack = peer.LayerIss + 1;
        uint start = peer.Sequence;
        var data = new byte[3000];
        for (int i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 13);
        peer.Deliver(start + 2000, ack, SegmentView.Ack, 65535, payload: data.AsSpan(2000, 1000));
        var sack = peer.Network.Sent[^1].View.SackBlocks().Single();
        Assert.Equal((start + 2000, start + 3000), sack);
        Assert.True(sack.Left < 0x1000);
        peer.Deliver(start + 1000, ack, SegmentView.Ack, 65535, payload: data.AsSpan(1000, 1000));
        peer.Deliver(start, ack, SegmentView.Ack, 65535, payload: data.AsSpan(0, 1000));
        Assert.Equal(start + 3000, peer.Network.Sent[^1].View.Acknowledgment);
        var buffer = new byte[4000];
        Assert.Equal(NetError.Success, server.Receive(buffer, false, out int received, out _, out _));
        Assert.Equal(data, buffer[..received]);
    }
}
