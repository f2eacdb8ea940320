using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

// Output is deterministic: no ephemeral port numbers, no timings; the same lines on Linux and in the guest.
Step("udp", () =>
{
    using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    var target = (IPEndPoint)receiver.LocalEndPoint!;
    Console.WriteLine($"bound to {target.Address}, port assigned: {target.Port != 0}");
    sender.SendTo(Encoding.ASCII.GetBytes("hello over loopback"), target);
    Console.WriteLine($"poll read: {receiver.Poll(5_000_000, SelectMode.SelectRead)}");
    Console.WriteLine($"available: {receiver.Available}");
    var buffer = new byte[64];
    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
    int count = receiver.ReceiveFrom(buffer, ref from);
    Console.WriteLine($"received '{Encoding.ASCII.GetString(buffer, 0, count)}' from {((IPEndPoint)from).Address}, same port as sender: {((IPEndPoint)from).Port == ((IPEndPoint)sender.LocalEndPoint!).Port}");
    receiver.ReceiveTimeout = 200;
    var timedOut = Assert.Throws<SocketException>(() => receiver.Receive(buffer));
    Console.WriteLine($"receive with nothing queued: {timedOut.SocketErrorCode}");
    var readable = new List<Socket> { receiver };
    Socket.Select(readable, null, null, 100_000);
    Console.WriteLine($"select with nothing queued: {readable.Count} readable");
});

Step("udp connected", () =>
{
    using var a = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
    using var b = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
    a.Connect((IPEndPoint)b.Client.LocalEndPoint!);
    a.Send(Encoding.ASCII.GetBytes("datagram"));
    IPEndPoint? remote = null;
    Console.WriteLine($"b received '{Encoding.ASCII.GetString(b.Receive(ref remote))}'");
});

Step("dns", () =>
{
    // Whether ::1 is listed too depends on the host's /etc/hosts; 127.0.0.1 always is.
    var addresses = Dns.GetHostAddresses("localhost");
    Console.WriteLine($"localhost includes 127.0.0.1: {addresses.Contains(IPAddress.Loopback)}");
    Console.WriteLine($"v4 only: {string.Join(", ", Dns.GetHostAddresses("localhost", AddressFamily.InterNetwork).Select(a => a.ToString()))}");
});

Step("interfaces", () =>
{
    // Only the loopback interface: the host's other interfaces are not the guest's. (Its status and IP properties
    // read /sys and /etc/resolv.conf, which need the file system of the storage issue.)
    var loopback = NetworkInterface.GetAllNetworkInterfaces().Single(face => face.NetworkInterfaceType == NetworkInterfaceType.Loopback);
    Console.WriteLine($"loopback: {loopback.Name}, type {loopback.NetworkInterfaceType}");
});

Step("errors", () =>
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    using var second = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    var inUse = Assert.Throws<SocketException>(() => second.Bind(socket.LocalEndPoint!));
    Console.WriteLine($"bind to a port in use: {inUse.SocketErrorCode}");
    var wrongFamily = Assert.Throws<SocketException>(() => second.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0)));
    Console.WriteLine($"bind to an IPv6 address: {wrongFamily.SocketErrorCode}");
});

Step("tcp", () =>
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    using var client = new TcpClient();
    client.Connect(IPAddress.Loopback, port);
    using var accepted = listener.AcceptTcpClient();
    client.GetStream().Write(Encoding.ASCII.GetBytes("ping"));
    var buffer = new byte[4];
    accepted.GetStream().ReadExactly(buffer);
    Console.WriteLine($"server read '{Encoding.ASCII.GetString(buffer)}'");
    listener.Stop();
    var refused = Assert.Throws<SocketException>(() => new TcpClient().Connect(IPAddress.Loopback, port));
    Console.WriteLine($"connect to a closed port: {refused.SocketErrorCode}");
});

Step("async", () => AsyncSockets().GetAwaiter().GetResult());

Console.WriteLine("done");
return 0;

// Several clients at once through the socket event port (SocketAsyncEngine), datagrams, and a cancelled receive.
static async Task AsyncSockets()
{
    var listener = new TcpListener(IPAddress.IPv6Any, 0);
    listener.Server.DualMode = true;
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    var server = Task.Run(async () =>
    {
        var sessions = new List<Task>();
        for (int i = 0; i < 8; i++)
        {
            var connection = await listener.AcceptTcpClientAsync();
            sessions.Add(Task.Run(async () =>
            {
                using (connection)
                {
                    var stream = connection.GetStream();
                    var buffer = new byte[4096];
                    int read;
                    while ((read = await stream.ReadAsync(buffer)) > 0)
                        await stream.WriteAsync(buffer.AsMemory(0, read));
                }
            }));
        }
        await Task.WhenAll(sessions);
    });
    var clients = Enumerable.Range(0, 8).Select(async i =>
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var sent = Enumerable.Range(0, 50_000).Select(n => (byte)(n * (i + 1))).ToArray();
        var writing = stream.WriteAsync(sent).AsTask();
        var received = new byte[sent.Length];
        await stream.ReadExactlyAsync(received);
        await writing;
        return received.AsSpan().SequenceEqual(sent);
    }).ToList();
    bool[] echoed = await Task.WhenAll(clients);
    await server;
    listener.Stop();
    Console.WriteLine($"async echo: {echoed.Count(ok => ok)} of {echoed.Length} clients got their bytes back");

    using var a = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
    using var b = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
    var receiving = b.ReceiveAsync();
    await a.SendAsync(Encoding.ASCII.GetBytes("async datagram"), (IPEndPoint)b.Client.LocalEndPoint!);
    Console.WriteLine($"udp async: '{Encoding.ASCII.GetString((await receiving).Buffer)}'");

    using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
    try
    {
        await b.ReceiveAsync(cancel.Token);
        Console.WriteLine("cancelled receive: completed");
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("cancelled receive: OperationCanceledException");
    }
}

static void Step(string name, Action action)
{
    Console.WriteLine($"== {name}");
    try
    {
        action();
    }
    catch (Exception e)
    {
        Console.WriteLine($"{name} failed: {e.GetType().Name}: {e.Message}");
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            Console.WriteLine($"  inner: {inner.GetType().Name}: {inner.Message}");
    }
}

static class Assert
{
    public static T Throws<T>(Action action) where T : Exception
    {
        try
        {
            action();
        }
        catch (T e)
        {
            return e;
        }
        throw new InvalidOperationException($"expected {typeof(T).Name}");
    }
}
