// A small service of the kind users ship: an HttpListener application, async TCP and UDP echo servers, and an
// outbound HttpClient request, a Dns lookup and the resolver configuration at start. The boot test drives it from the host through -p.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

int hostPort = int.Parse(args[0]);

var localhost = await Dns.GetHostAddressesAsync("localhost");
Console.WriteLine($"localhost: {string.Join(' ', localhost.Select(a => a.ToString()).Order())}");

using (var client = new HttpClient())
{
    string fromHost = await client.GetStringAsync($"http://10.0.2.2:{hostPort}/greeting");
    Console.WriteLine($"host said: {fromHost}");
}

// What DHCP configured, as the framework's readers of /etc/resolv.conf see it.
Console.WriteLine($"resolv.conf: {string.Join(' ', File.ReadAllLines("/etc/resolv.conf").Where(line => line.StartsWith("nameserver ")))}");
var dnsAddresses = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
    .Where(face => face.NetworkInterfaceType != System.Net.NetworkInformation.NetworkInterfaceType.Loopback)
    .SelectMany(face => face.GetIPProperties().DnsAddresses);
Console.WriteLine($"dns addresses: {string.Join(' ', dnsAddresses)}");

var tcp = new TcpListener(IPAddress.Any, 7000);
tcp.Start();
_ = Task.Run(async () =>
{
    while (true)
    {
        var connection = await tcp.AcceptTcpClientAsync();
        _ = Task.Run(async () =>
        {
            using (connection)
            {
                var stream = connection.GetStream();
                var buffer = new byte[16384];
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                    await stream.WriteAsync(buffer.AsMemory(0, read));
            }
        });
    }
});

var udp = new UdpClient(7001);
_ = Task.Run(async () =>
{
    while (true)
    {
        var datagram = await udp.ReceiveAsync();
        await udp.SendAsync(datagram.Buffer, datagram.RemoteEndPoint);
    }
});

var listener = new HttpListener();
listener.Prefixes.Add("http://*:8080/");
listener.Start();
Console.WriteLine("ready");

var quit = new TaskCompletionSource<int>();
_ = Task.Run(async () =>
{
    while (true)
    {
        var context = await listener.GetContextAsync();
        _ = Task.Run(() => Serve(context, quit));
    }
});
int code = await quit.Task;
Console.WriteLine($"quitting with {code}");
return code;

static async Task Serve(HttpListenerContext context, TaskCompletionSource<int> quit)
{
    var request = context.Request;
    var response = context.Response;
    byte[] body;
    switch (request.Url!.AbsolutePath)
    {
        case "/hello":
            body = Encoding.UTF8.GetBytes("hello from the guest\n");
            break;
        case "/bytes":
            body = Pattern(int.Parse(request.QueryString["n"]!));
            break;
        case "/digest":
            using (var sha = SHA256.Create())
                body = Encoding.ASCII.GetBytes(Convert.ToHexString(await sha.ComputeHashAsync(request.InputStream)).ToLowerInvariant());
            break;
        case "/quit":
            body = "bye\n"u8.ToArray();
            _ = Task.Delay(200).ContinueWith(_ => quit.TrySetResult(int.Parse(request.QueryString["code"]!)));
            break;
        default:
            response.StatusCode = 404;
            body = "not found\n"u8.ToArray();
            break;
    }
    response.ContentLength64 = body.Length;
    await response.OutputStream.WriteAsync(body);
    response.Close();
}

static byte[] Pattern(int length)
{
    var bytes = new byte[length];
    for (int i = 0; i < length; i++)
        bytes[i] = (byte)(i * 7 + (i >> 8));
    return bytes;
}
