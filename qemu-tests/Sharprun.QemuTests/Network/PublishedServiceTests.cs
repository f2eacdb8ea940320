using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Sharprun.QemuTests.Boot;
using Xunit;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// An unmodified service in the guest (qemu-tests/Images/services: HttpListener, async TCP and UDP echo, an outbound
/// HttpClient request, Dns) driven by real clients on the host through <c>sharprun run -p</c> and QEMU's user
/// network: curl, .NET's HttpClient with 40 concurrent clients and multi-megabyte bodies, a TcpClient and a UdpClient.
/// One boot serves every check, in order, and the guest ends with the exit code the test asks for.
/// </summary>
public sealed class PublishedServiceTests
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task RealClientsOnTheHostAreServedThroughPublishedPorts()
    {
        using var host = HostGreetingServer.Start();
        int http = RunningGuest.FreePort(), tcp = RunningGuest.FreePort(), udp = RunningGuest.FreePort(udp: true);
        string image = GuestImages.Get("services");
        using var guest = RunningGuest.StartAlone("run", image, "--timeout", "600", "-m", "128",
            "-p", $"{http}:8080", "-p", $"{tcp}:7000", "-p", $"{udp}:7001/udp", "--", host.Port.ToString());
        guest.WaitForLine("ready", BootLimit);
        try
        {
            await DriveAsync(guest, http, tcp, udp);
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure}\n{guest}");
        }
    }

    /// <summary>Every client in turn; the guest ends with the exit code the last request asks for.</summary>
    private static async Task DriveAsync(RunningGuest guest, int http, int tcp, int udp)
    {
        Assert.Contains("localhost: 127.0.0.1 ::1\n", guest.Output);
        Assert.Contains("host said: greetings from the host, you asked for /greeting\n", guest.Output);
        // QEMU's user network hands out its resolver, 10.0.2.3, by DHCP.
        Assert.Contains("resolv.conf: nameserver 10.0.2.3\n", guest.Output);
        Assert.Contains("dns addresses: 10.0.2.3\n", guest.Output);

        Assert.Equal("hello from the guest\n", Curl.Get($"http://127.0.0.1:{http}/hello"));

        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
        byte[] large = await SlirpReset.RetryAsync(() => client.GetByteArrayAsync($"http://127.0.0.1:{http}/bytes?n={5 << 20}"));
        Assert.Equal(Pattern(5 << 20), large);

        var upload = new byte[3 << 20];
        new Random(5).NextBytes(upload);
        string digest = await SlirpReset.RetryAsync(async () =>
        {
            using var answer = await client.PostAsync($"http://127.0.0.1:{http}/digest", new ByteArrayContent(upload));
            return await answer.Content.ReadAsStringAsync();
        });
        Assert.Equal(Convert.ToHexString(SHA256.HashData(upload)).ToLowerInvariant(), digest);

        var concurrent = Enumerable.Range(0, 40).Select(async i =>
        {
            using var own = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
            byte[] body = await SlirpReset.RetryAsync(() => own.GetByteArrayAsync($"http://127.0.0.1:{http}/bytes?n={100_000 + i}"));
            return body.AsSpan().SequenceEqual(Pattern(100_000 + i));
        }).ToList();
        Assert.All(await Task.WhenAll(concurrent), Assert.True);

        await SlirpReset.RetryAsync(() => EchoAsync(tcp));

        using (var datagrams = new UdpClient())
        {
            datagrams.Connect(IPAddress.Loopback, udp);
            for (int i = 0; i < 5; i++)
            {
                byte[] message = Encoding.ASCII.GetBytes($"datagram {i}");
                await datagrams.SendAsync(message);
                var reply = datagrams.ReceiveAsync();
                // UDP may be lost on the way in before the guest's first reply; one more try each.
                if (await Task.WhenAny(reply, Task.Delay(5000)) != reply)
                {
                    await datagrams.SendAsync(message);
                    reply = datagrams.ReceiveAsync();
                }
                Assert.Equal(message, (await reply.WaitAsync(TimeSpan.FromSeconds(10))).Buffer);
            }
        }

        Assert.Equal("bye\n", Curl.Get($"http://127.0.0.1:{http}/quit?code=3"));
        Assert.Equal(3, guest.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Contains("quitting with 3\n", guest.Output);
    }

    /// <summary>A megabyte through the guest's TCP echo server, written and read back at once.</summary>
    private static async Task<bool> EchoAsync(int port)
    {
        using var echo = new TcpClient();
        await echo.ConnectAsync(IPAddress.Loopback, port);
        var stream = echo.GetStream();
        var sent = new byte[1 << 20];
        new Random(7).NextBytes(sent);
        var writing = stream.WriteAsync(sent).AsTask();
        var received = new byte[sent.Length];
        int total = 0;
        while (total < received.Length)
        {
            int read = await stream.ReadAsync(received.AsMemory(total));
            Assert.True(read > 0, "the echo server closed early");
            total += read;
        }
        await writing;
        Assert.Equal(sent, received);
        return true;
    }

    internal static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)(i * 7 + (i >> 8));
        return bytes;
    }
}
