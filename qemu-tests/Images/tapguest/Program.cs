// The guest of the network-namespace tests: Linux's own stack is its peer through a TAP device. At start it waits
// for an IPv6 address from router advertisements, prints its addresses and what the resolver it was given answers for
// the names in its arguments, then serves TCP on port 7100 (IPv4) and 7106 (IPv6). Each connection sends one command:
//   sink N      the guest reads N bytes, prints and answers their SHA-256
//   source N S  the guest sends N bytes of the xorshift stream seeded with S, then closes
//   hello       the guest answers one line (liveness checks after hostile traffic)
// and joins the multicast group 239.213.0.7 on UDP port 7200, answering each datagram to the sender, unicast.
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

// A failure here is printed, not thrown: the TCP and DNS checks still run, and the IPv6 test reports it.
try
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
    while (!Unicast().Any(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal) && DateTime.UtcNow < deadline)
        await Task.Delay(250);
    var addresses = Unicast().ToList();
    Console.WriteLine($"{addresses.Count} addresses");
    foreach (var address in addresses)
        Console.WriteLine($"address {address}");
}
catch (Exception failure)
{
    Console.WriteLine($"listing the addresses failed: {failure}");
}

foreach (string name in args)
{
    try
    {
        var addresses = await Dns.GetHostAddressesAsync(name);
        Console.WriteLine($"resolved {name}: {string.Join(' ', addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal))}");
    }
    catch (SocketException failure)
    {
        Console.WriteLine($"resolved {name}: failed {failure.SocketErrorCode}");
    }
}

var listeners = new[] { new TcpListener(IPAddress.Any, 7100), new TcpListener(IPAddress.IPv6Any, 7106) };
foreach (var listener in listeners)
{
    listener.Start(64);
    _ = Task.Run(() => Accept(listener));
}
var group = new UdpClient(new IPEndPoint(IPAddress.Any, 7200));
group.JoinMulticastGroup(IPAddress.Parse("239.213.0.7"));
_ = Task.Run(() => AnswerGroup(group));
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);

static async Task AnswerGroup(UdpClient group)
{
    while (true)
    {
        var datagram = await group.ReceiveAsync();
        await group.SendAsync(Encoding.ASCII.GetBytes("multicast heard: " + Encoding.ASCII.GetString(datagram.Buffer)), datagram.RemoteEndPoint);
    }
}

static IEnumerable<IPAddress> Unicast() =>
    NetworkInterface.GetAllNetworkInterfaces()
        .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
        .Select(u => u.Address)
        .Where(a => !IPAddress.IsLoopback(a));

static async Task Accept(TcpListener listener)
{
    while (true)
    {
        var connection = await listener.AcceptTcpClientAsync();
        _ = Task.Run(async () =>
        {
            using (connection)
            {
                try
                {
                    await Serve(connection.GetStream());
                }
                catch (Exception failure) when (failure is IOException or SocketException)
                {
                    Console.WriteLine($"connection from {connection.Client.RemoteEndPoint} failed: {failure.Message}");
                }
            }
        });
    }
}

static async Task Serve(NetworkStream stream)
{
    string[] command = (await ReadLine(stream)).Split(' ');
    switch (command[0])
    {
        case "sink":
            await Sink(stream, long.Parse(command[1]));
            break;
        case "source":
            await Source(stream, long.Parse(command[1]), ulong.Parse(command[2]));
            break;
        case "hello":
            await stream.WriteAsync("hello from the guest\n"u8.ToArray());
            break;
        default:
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"unknown command '{command[0]}'\n"));
            break;
    }
}

// Byte by byte, so that no payload after the command line is consumed with it.
static async Task<string> ReadLine(NetworkStream stream)
{
    var line = new StringBuilder();
    var one = new byte[1];
    while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
        line.Append((char)one[0]);
    return line.ToString();
}

static async Task Sink(NetworkStream stream, long expected)
{
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    var buffer = new byte[65536];
    long total = 0;
    var started = DateTime.UtcNow;
    int read;
    while (total < expected && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, expected - total)))) > 0)
    {
        hash.AppendData(buffer, 0, read);
        total += read;
    }
    string digest = Convert.ToHexStringLower(hash.GetHashAndReset());
    Console.WriteLine($"sink received {total} bytes in {(DateTime.UtcNow - started).TotalSeconds:F1} s, sha256 {digest}");
    await stream.WriteAsync(Encoding.ASCII.GetBytes($"received {total} {digest}\n"));
}

static async Task Source(NetworkStream stream, long length, ulong seed)
{
    var buffer = new byte[65536];
    ulong state = seed;
    var started = DateTime.UtcNow;
    for (long sent = 0; sent < length;)
    {
        int chunk = (int)Math.Min(buffer.Length, length - sent);
        // xorshift64, eight little-endian bytes a step; the test computes the same stream.
        for (int i = 0; i < chunk; i += 8)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for (int b = 0; b < 8 && i + b < chunk; b++)
                buffer[i + b] = (byte)(state >> (8 * b));
        }
        await stream.WriteAsync(buffer.AsMemory(0, chunk));
        sent += chunk;
    }
    Console.WriteLine($"source sent {length} bytes in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
}
