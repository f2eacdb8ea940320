using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tcp;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class HostileInputTests
{
    private static byte[] Header(byte dataOffsetWords, params byte[] options)
    {
        var bytes = new byte[Math.Max(20 + options.Length, 20)];
        bytes[0] = 0x9C;
        bytes[1] = 0x40;
        bytes[3] = 80;
        bytes[12] = (byte)(dataOffsetWords << 4);
        bytes[13] = SegmentView.Syn;
        options.CopyTo(bytes, 20);
        return bytes;
    }

    [Fact]
    public void ShortSegmentsAndBadDataOffsetsAreRefused()
    {
        Assert.False(TcpSegment.TryParse(new byte[19], out _));
        Assert.False(TcpSegment.TryParse(Header(4), out _));
        Assert.False(TcpSegment.TryParse(Header(6), out _));
        Assert.False(TcpSegment.TryParse(Header(15), out _));
        Assert.True(TcpSegment.TryParse(Header(5), out _));
    }

    [Fact]
    public void OptionsThatOverrunOrHaveZeroLengthAreRefused()
    {
        Assert.False(TcpSegment.TryParse(Header(6, 2, 8, 0, 0), out _));
        Assert.False(TcpSegment.TryParse(Header(6, 1, 1, 1, 2), out _));
        Assert.False(TcpSegment.TryParse(Header(6, 30, 0, 0, 0), out _));
        Assert.False(TcpSegment.TryParse(Header(6, 30, 1, 0, 0), out _));
        Assert.True(TcpSegment.TryParse(Header(6, 1, 1, 1, 0), out _));
    }

    [Fact]
    public void KnownOptionsOfTheWrongSizeAreIgnored()
    {
        Assert.True(TcpSegment.TryParse(Header(6, 2, 3, 5, 0), out var segment));
        Assert.Equal(0, segment.MaximumSegmentSize);
        Assert.True(TcpSegment.TryParse(Header(6, 3, 3, 99, 0), out segment));
        Assert.Equal(14, segment.WindowScale);
        Assert.True(TcpSegment.TryParse(Header(8, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out segment));
        Assert.Equal(0, segment.SackBlockCount);
    }

    [Fact]
    public void PortZeroAndImpossibleFlagsAreRefused()
    {
        var bytes = Header(5);
        bytes[0] = bytes[1] = 0;
        Assert.False(TcpSegment.TryParse(bytes, out _));
        bytes = Header(5);
        bytes[13] = SegmentView.Syn | SegmentView.Rst;
        Assert.False(TcpSegment.TryParse(bytes, out _));
        bytes[13] = SegmentView.Syn | SegmentView.Fin;
        Assert.False(TcpSegment.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData(1234)]
    [InlineData(99)]
    [InlineData(2026)]
    public void SeededFuzzOfRandomSegmentsNeitherThrowsNorGrows(int seed)
    {
        var peer = new ScriptedPeer();
        var server = peer.Open(ScriptedPeer.SynOptions(windowScale: 2, sackPermitted: true, timestamp: 5));
        peer.Network.Record = false;
        var random = new Random(seed);
        var buffer = new byte[120];
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < 100_000; i++)
        {
            int length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            var segment = buffer.AsSpan(0, length);
            // Half the inputs keep the real four-tuple and a plausible header, so they reach deep into the state machine.
            if (length >= 20 && random.Next(2) == 0)
            {
                segment[0] = ScriptedPeer.PeerPort >> 8;
                segment[1] = ScriptedPeer.PeerPort & 0xFF;
                segment[2] = 0;
                segment[3] = (byte)ScriptedPeer.ServerPort;
                segment[12] = (byte)(random.Next(5, 1 + Math.Min(15, length / 4)) << 4);
                if (random.Next(2) == 0)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(segment[4..], peer.Sequence + (uint)random.Next(-70000, 70000));
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(segment[8..], peer.LayerIss + (uint)random.Next(-5, 5));
                }
            }
            peer.Layer.Deliver(ScriptedPeer.PeerAddress, ScriptedPeer.LayerAddress, segment);
            server.Receive(buffer.AsSpan(0, 0), false, out _, out _, out _);
            if (i % 1000 == 0)
                peer.Advance(TimeSpan.FromMilliseconds(50));
        }
        peer.Advance(TimeSpan.FromMinutes(10));
        long after = GC.GetTotalMemory(true);
        Assert.True(after - before < 8 * 1024 * 1024, $"grew {after - before} bytes");
        Assert.True(peer.Layer.ConnectionCount <= 256);
        Assert.True(peer.Network.SentCount > 0);
    }

    [Fact]
    public void SegmentsFromOrToUnusableAddressesAreIgnored()
    {
        var peer = new ScriptedPeer();
        var listener = peer.Layer.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(4);
        var multicast = IpAddress.FromV4(0xE000_0001);
        peer.Layer.Deliver(multicast, ScriptedPeer.LayerAddress, SegmentBuilder.Build(multicast, ScriptedPeer.LayerAddress, 5, 80, 1, 0, SegmentView.Syn, 100));
        peer.Layer.Deliver(ScriptedPeer.PeerAddress, IpAddress.BroadcastV4, SegmentBuilder.Build(ScriptedPeer.PeerAddress, IpAddress.BroadcastV4, 5, 80, 1, 0, SegmentView.Syn, 100));
        Assert.Empty(peer.Network.Sent);
        Assert.Equal(0, peer.Layer.ConnectionCount);
        Assert.Equal(Readiness.None, listener.Readiness);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void ConnectionsSurviveOrFailCleanlyWhenAMiddleboxRewritesSegments(int seed)
    {
        var bed = new TcpTestBed(seed: seed);
        var (client, server, _) = bed.Connect();
        bed.CorruptionRate = 0.05;
        bed.LossRate = 0.01;
        var up = new BulkTransfer(client, server, 2 << 20);
        var down = new BulkTransfer(server, client, 2 << 20);
        bool failed = false;
        bed.Run(() =>
        {
            up.Step();
            down.Step();
            failed = client.ReadinessHas(Readiness.Error) || server.ReadinessHas(Readiness.Error);
            return failed || (up.Received == 2 << 20 && down.Received == 2 << 20);
        }, TimeSpan.FromMinutes(10));
        Assert.True(bed.A.ConnectionCount <= 1 && bed.B.ConnectionCount <= 1);
        Assert.True(failed || up.Received == 2 << 20 || up.Corrupted, $"stalled at {up.Received} / {down.Received}");
    }
}
