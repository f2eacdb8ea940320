using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class DataTransferTests
{
    [Fact]
    public void ReceiveOnAnEmptyQueueWouldBlockAndDataArrivesWithAnEdge()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        var observer = new RecordingObserver();
        server.Observer = observer;
        var buffer = new byte[100];
        Assert.Equal(NetError.WouldBlock, server.Receive(buffer, false, out _, out _, out _));
        Assert.Equal(NetError.WouldBlock, server.Receive(Span<byte>.Empty, false, out _, out _, out _));
        Assert.Equal(NetError.Success, client.Send("hello"u8, null, out int sent));
        Assert.Equal(5, sent);
        Assert.True(bed.Run(() => (server.Readiness & Readiness.Readable) != 0, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, observer.Count(Readiness.Readable));
        Assert.Equal(NetError.Success, server.Receive(buffer, true, out int peeked, out var from, out _));
        Assert.Equal(5, peeked);
        Assert.Equal(client.LocalEndpoint, from);
        Assert.Equal(NetError.Success, server.Receive(buffer, false, out int received, out _, out _));
        Assert.Equal("hello"u8.ToArray(), buffer[..received]);
        Assert.Equal(NetError.WouldBlock, server.Receive(buffer, false, out _, out _, out _));

        client.Send("again"u8, null, out _);
        Assert.True(bed.Run(() => server.ReadinessHas(Readiness.Readable), TimeSpan.FromSeconds(1)));
        Assert.Equal(2, observer.Count(Readiness.Readable));
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.01, 0.01, 0.0)]
    [InlineData(0.05, 0.02, 0.01)]
    [InlineData(0.10, 0.05, 0.02)]
    public void MegabytesArriveIntactThroughLossReorderingAndDuplication(double loss, double reorder, double duplicate)
    {
        var bed = new TcpTestBed(seed: 42);
        var (client, server, _) = bed.Connect();
        bed.LossRate = loss;
        bed.ReorderRate = reorder;
        bed.DuplicateRate = duplicate;
        var transfer = new BulkTransfer(client, server, 4 * 1024 * 1024);
        Assert.True(bed.Run(transfer.Step, TimeSpan.FromMinutes(10)), $"received {transfer.Received} of {transfer.Sent}");
        Assert.False(transfer.Corrupted);
        Assert.Equal(4 * 1024 * 1024, transfer.Received);
    }

    [Fact]
    public void BothDirectionsAtOnce()
    {
        var bed = new TcpTestBed(seed: 3);
        var (client, server, _) = bed.Connect();
        bed.LossRate = 0.02;
        var up = new BulkTransfer(client, server, 1 << 20);
        var down = new BulkTransfer(server, client, 1 << 20);
        Assert.True(bed.Run(() => up.Step() & down.Step(), TimeSpan.FromMinutes(5)));
        Assert.False(up.Corrupted || down.Corrupted);
    }

    [Fact]
    public void SendBufferFillsThenWouldBlockAndWritableReturnsAsAckedDataLeaves()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        var observer = new RecordingObserver();
        client.Observer = observer;
        var big = new byte[1 << 20];
        Assert.Equal(NetError.Success, client.Send(big, null, out int sent));
        Assert.Equal(256 * 1024, sent);
        Assert.Equal(NetError.WouldBlock, client.Send(big, null, out sent));
        Assert.Equal(0, sent);
        var sink = new byte[1 << 20];
        Assert.True(bed.Run(() =>
        {
            server.Receive(sink, false, out _, out _, out _);
            return observer.Count(Readiness.Writable) > 0;
        }, TimeSpan.FromSeconds(5)));
        Assert.True(client.ReadinessHas(Readiness.Writable));
    }
}
