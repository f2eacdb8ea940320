using Sharprun.Net.Addressing;
using Sharprun.Net.Sockets;
using Sharprun.Net.Tests.Tcp.Fakes;
using Xunit;

namespace Sharprun.Net.Tests.Tcp;

public class SocketSurfaceTests
{
    [Fact]
    public void ConnectReportsProgressThenAlreadyThenIsConnectedWithOneWritableEdge()
    {
        var bed = new TcpTestBed();
        var listener = bed.B.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(4);
        var client = bed.A.CreateSocket(false);
        var observer = new RecordingObserver();
        client.Observer = observer;
        Assert.Equal(NetError.NotConnected, client.Send("x"u8, null, out _));
        Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80)));
        Assert.Equal(Readiness.None, client.Readiness);
        Assert.Equal(NetError.Already, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80)));
        Assert.Equal(NetError.WouldBlock, client.Send("x"u8, null, out _));
        Assert.Equal(NetError.WouldBlock, client.Receive(new byte[1], false, out _, out _, out _));
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Writable), TimeSpan.FromSeconds(1)));
        Assert.Equal(1, observer.Count(Readiness.Writable));
        Assert.Equal(NetError.IsConnected, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80)));
        Assert.Equal(NetError.InvalidArgument, client.Listen(4));
        Assert.Equal(NetError.InvalidArgument, client.Accept(out _));
        Assert.Equal(NetError.InvalidArgument, client.Bind(new IpEndpoint(IpAddress.AnyV4, 9)));
    }

    [Fact]
    public void FreshSocketsAndListenersReportLikeLinux()
    {
        var bed = new TcpTestBed();
        var fresh = bed.A.CreateSocket(true);
        Assert.Equal(Readiness.Writable | Readiness.Hangup, fresh.Readiness);
        Assert.Equal(new IpEndpoint(IpAddress.AnyV6, 0), fresh.LocalEndpoint);
        Assert.Null(fresh.RemoteEndpoint);
        Assert.Equal(NetError.NotConnected, fresh.Receive(new byte[1], false, out _, out _, out _));
        Assert.Equal(NetError.NotConnected, fresh.Shutdown(ShutdownDirection.Both));
        Assert.Equal(NetError.Success, fresh.GetOption(SocketOption.V6Only, out int v6Only));
        Assert.Equal(0, v6Only);
        var v4 = bed.A.CreateSocket(false);
        Assert.Equal(NetError.NoProtocolOption, v4.SetOption(SocketOption.V6Only, 1));
        Assert.Equal(NetError.AddressFamilyNotSupported, v4.Bind(new IpEndpoint(IpAddress.LoopbackV6, 1)));
        Assert.Equal(NetError.AddressFamilyNotSupported, v4.Connect(new IpEndpoint(IpAddress.LoopbackV6, 1)));
        Assert.Equal(NetError.Success, v4.Listen(1));
        Assert.InRange(v4.LocalEndpoint.Port, 49152, 65535);
        Assert.Equal(NetError.NotConnected, v4.Receive(new byte[1], false, out _, out _, out _));
        v4.Close();
        Assert.Equal(NetError.BadDescriptor, v4.Listen(1));
    }

    [Fact]
    public void BufferSizeOptionsShapeTheConnection()
    {
        var bed = new TcpTestBed();
        var (client, _, _) = bed.Connect(configureClient: c =>
        {
            c.SetOption(SocketOption.SendBufferSize, 10000);
            c.SetOption(SocketOption.ReceiveBufferSize, 20000);
        });
        client.GetOption(SocketOption.SendBufferSize, out int sendSize);
        Assert.Equal(10000, sendSize);
        Assert.Equal(20000, bed.NetworkA.Sent[0].View.Window);
        Assert.Equal(NetError.Success, client.Send(new byte[50000], null, out int sent));
        Assert.Equal(10000, sent);
    }

    [Fact]
    public void ConnectAfterAFailedConnectTriesAgain()
    {
        var bed = new TcpTestBed();
        var client = bed.A.CreateSocket(false);
        client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80));
        Assert.True(bed.Run(() => client.ReadinessHas(Readiness.Error), TimeSpan.FromSeconds(1)));
        var listener = bed.B.CreateSocket(false);
        listener.Bind(new IpEndpoint(IpAddress.AnyV4, 80));
        listener.Listen(4);
        Assert.Equal(NetError.InProgress, client.Connect(new IpEndpoint(TcpTestBed.AddressB, 80)));
        Assert.True(bed.Run(() => client.Readiness == Readiness.Writable, TimeSpan.FromSeconds(1)));
    }
}
