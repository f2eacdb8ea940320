using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class CloseTests
{
    [Fact]
    public void OrderlyCloseEndsInTimeWaitOnTheActiveSideForTwoMsl()
    {
        var bed = new TcpTestBed();
        var (client, server, listener) = bed.Connect();
        var buffer = new byte[16];
        Assert.Equal(NetError.Success, client.Shutdown(ShutdownDirection.Send));
        Assert.True(bed.Run(() => server.ReadinessHas(Readiness.ReadHangup), TimeSpan.FromSeconds(1)));
        Assert.True(server.ReadinessHas(Readiness.Readable));
        Assert.False(server.ReadinessHas(Readiness.Hangup));
        Assert.Equal(NetError.Success, server.Receive(buffer, false, out int received, out _, out _));
        Assert.Equal(0, received);
        Assert.Equal(NetError.BrokenPipe, client.Send("x"u8, null, out _));

        Assert.Equal(NetError.Success, server.Send("bye"u8, null, out _));
        server.Close();
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Hangup), TimeSpan.FromSeconds(1)));
        Assert.Equal(NetError.Success, client.Receive(buffer, false, out received, out _, out _));
        Assert.Equal("bye"u8.ToArray(), buffer[..received]);
        Assert.Equal(NetError.Success, client.Receive(buffer, false, out received, out _, out _));
        Assert.Equal(0, received);
        Assert.True(bed.Run(() => bed.B.ConnectionCount == 0, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, bed.A.ConnectionCount);
        client.Close();
        ulong closedAt = bed.Clock.Now;
        Assert.True(bed.Run(() => bed.A.ConnectionCount == 0, TimeSpan.FromSeconds(5)));
        Assert.InRange(bed.Clock.Now - closedAt, 1_900_000_000UL, 2_100_000_000UL);
        listener.Close();
    }

    [Fact]
    public void CloseStillDeliversQueuedDataThenTheFin()
    {
        var bed = new TcpTestBed(seed: 5);
        var (client, server, _) = bed.Connect();
        bed.LossRate = 0.05;
        var data = new byte[500_000];
        for (int i = 0; i < data.Length; i++)
            data[i] = BulkTransfer.PatternAt(i);
        Assert.Equal(NetError.Success, client.Send(data, null, out int sent));
        client.Close();
        var received = new List<byte>();
        var buffer = new byte[65536];
        bool eof = false;
        Assert.True(bed.Run(() =>
        {
            while (server.Receive(buffer, false, out int n, out _, out _) == NetError.Success)
            {
                if (n == 0)
                {
                    eof = true;
                    break;
                }
                received.AddRange(buffer.AsSpan(0, n).ToArray());
            }
            return eof;
        }, TimeSpan.FromMinutes(2)));
        Assert.Equal(data.AsSpan(0, sent).ToArray(), received.ToArray());
    }

    [Fact]
    public void LingerZeroResetsAndThePeerSeesResetThenBrokenPipe()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        var observer = new RecordingObserver();
        server.Observer = observer;
        Assert.Equal(NetError.Success, client.SetOption(SocketOption.Linger, 0));
        client.Close();
        Assert.True(bed.NetworkA.Sent[^1].View.Is(SegmentView.Rst));
        Assert.Equal(0, bed.A.ConnectionCount);
        Assert.True(bed.Run(() => server.ReadinessHas(Readiness.Error), TimeSpan.FromSeconds(1)));
        Assert.Equal(Readiness.Readable | Readiness.Writable | Readiness.Error | Readiness.Hangup | Readiness.ReadHangup, server.Readiness);
        Assert.True(observer.Count(Readiness.Hangup) > 0);
        Assert.Equal(NetError.ConnectionReset, server.Send("x"u8, null, out _));
        Assert.Equal(NetError.BrokenPipe, server.Send("x"u8, null, out _));
        Assert.Equal(NetError.Success, server.Receive(new byte[4], false, out int received, out _, out _));
        Assert.Equal(0, received);
    }

    [Fact]
    public void ReceiveAfterResetReportsConnectionResetOnce()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        client.SetOption(SocketOption.Linger, 0);
        client.Close();
        bed.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.Equal(NetError.ConnectionReset, server.Receive(new byte[4], false, out _, out _, out _));
        Assert.Equal(NetError.Success, server.GetOption(SocketOption.Error, out int error));
        Assert.Equal(0, error);
    }

    [Fact]
    public void CloseWithUnreadDataSendsReset()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        client.Send("unread"u8, null, out _);
        Assert.True(bed.Run(() => server.ReadinessHas(Readiness.Readable), TimeSpan.FromSeconds(1)));
        server.Close();
        Assert.True(bed.NetworkB.Sent[^1].View.Is(SegmentView.Rst));
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Error), TimeSpan.FromSeconds(1)));
        client.GetOption(SocketOption.Error, out int error);
        Assert.Equal((int)NetError.ConnectionReset, error);
    }

    [Fact]
    public void TimeWaitHoldsThePortUnlessReuseAddressIsSet()
    {
        var bed = new TcpTestBed();
        var (client, server, listener) = bed.Connect();
        listener.Close();
        server.Close();
        bed.RunFor(TimeSpan.FromMilliseconds(50));
        client.Close();
        bed.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, bed.A.ConnectionCount);
        Assert.Equal(1, bed.B.ConnectionCount);
        var again = bed.B.CreateSocket(false);
        Assert.Equal(NetError.AddressInUse, again.Bind(new IpEndpoint(IpAddress.AnyV4, 80)));
        var reusing = bed.B.CreateSocket(false);
        Assert.Equal(NetError.Success, reusing.SetOption(SocketOption.ReuseAddress, 1));
        Assert.Equal(NetError.Success, reusing.Bind(new IpEndpoint(IpAddress.AnyV4, 80)));
        Assert.Equal(NetError.Success, reusing.Listen(4));
        reusing.Close();
        bed.RunFor(TimeSpan.FromSeconds(3));
        Assert.Equal(0, bed.B.ConnectionCount);
        Assert.Equal(NetError.Success, again.Bind(new IpEndpoint(IpAddress.AnyV4, 80)));
    }

    [Fact]
    public void BindConflictsFollowLinux()
    {
        var bed = new TcpTestBed();
        var first = bed.B.CreateSocket(false);
        Assert.Equal(NetError.Success, first.Bind(new IpEndpoint(IpAddress.AnyV4, 8080)));
        Assert.Equal(NetError.Success, first.Listen(4));
        var second = bed.B.CreateSocket(false);
        Assert.Equal(NetError.AddressInUse, second.Bind(new IpEndpoint(TcpTestBed.AddressB, 8080)));
        second.SetOption(SocketOption.ReuseAddress, 1);
        Assert.Equal(NetError.AddressInUse, second.Bind(new IpEndpoint(TcpTestBed.AddressB, 8080)));
        var dual = bed.B.CreateSocket(true);
        Assert.Equal(NetError.AddressInUse, dual.Bind(new IpEndpoint(IpAddress.AnyV6, 8080)));
        var v6Only = bed.B.CreateSocket(true);
        Assert.Equal(NetError.Success, v6Only.SetOption(SocketOption.V6Only, 1));
        Assert.Equal(NetError.Success, v6Only.Bind(new IpEndpoint(IpAddress.AnyV6, 8080)));
        Assert.Equal(NetError.InvalidArgument, first.Bind(new IpEndpoint(IpAddress.AnyV4, 8081)));
        var ephemeral = bed.B.CreateSocket(false);
        Assert.Equal(NetError.Success, ephemeral.Bind(new IpEndpoint(IpAddress.AnyV4, 0)));
        Assert.InRange(ephemeral.LocalEndpoint.Port, 49152, 65535);
    }

    [Fact]
    public void ClosingAListenerResetsConnectionsNotYetAccepted()
    {
        var bed = new TcpTestBed();
        var listener = bed.B.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(4);
        var client = bed.A.CreateSocket(false);
        client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        Assert.True(bed.Run(() => listener.ReadinessHas(Readiness.Readable), TimeSpan.FromSeconds(1)));
        listener.Close();
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Error), TimeSpan.FromSeconds(1)));
        Assert.Equal(0, bed.B.ConnectionCount);
    }

    [Fact]
    public void TimeWaitIsBoundedAndTheFinalAckStillGoesOut()
    {
        var bed = new TcpTestBed(new Sharprun.Net.Tcp.TcpOptions { MaximumTimeWait = 2, MaximumSegmentLifetime = TimeSpan.FromSeconds(30), RandomSeed = 3 });
        var listener = bed.B.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(16);
        for (int i = 0; i < 5; i++)
        {
            var client = bed.A.CreateSocket(false);
            client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
            NetSocket? server = null;
            Assert.True(bed.Run(() => listener.Accept(out server) == NetError.Success, TimeSpan.FromSeconds(1)));
            client.Close();
            Assert.True(bed.Run(() => server!.ReadinessHas(Readiness.ReadHangup), TimeSpan.FromSeconds(1)));
            server!.Close();
            bed.RunFor(TimeSpan.FromMilliseconds(20));
        }
        // The active closers (A) keep two TIME-WAITs; the passive ends (B) all finished because every final ACK arrived.
        Assert.Equal(2, bed.A.ConnectionCount);
        Assert.Equal(0, bed.B.ConnectionCount);
    }

    [Fact]
    public void ClosingWithUnreadDataInTimeWaitKeepsTheTimeWait()
    {
        var bed = new TcpTestBed();
        var (client, server, _) = bed.Connect();
        client.Shutdown(ShutdownDirection.Send);
        Assert.True(bed.Run(() => server.ReadinessHas(Readiness.ReadHangup), TimeSpan.FromSeconds(1)));
        server.Send("unread"u8, null, out _);
        server.Close();
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Hangup), TimeSpan.FromSeconds(1)));
        bed.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, bed.B.ConnectionCount);
        int sent = bed.NetworkA.Sent.Count;
        client.Close();
        Assert.Equal(sent, bed.NetworkA.Sent.Count);
        Assert.Equal(1, bed.A.ConnectionCount);
    }
}
