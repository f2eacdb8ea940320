using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// What the services image's HttpClient calls at start: a plain HTTP/1.1 responder on the host's 127.0.0.1, which
/// the guest reaches as 10.0.2.2 through QEMU's user network (HttpListener would refuse the Host header "10.0.2.2").
/// It answers one request with "greetings from the host, you asked for PATH".
/// </summary>
public sealed class HostGreetingServer : IDisposable
{
    private readonly TcpListener _listener;

    private HostGreetingServer(TcpListener listener) => _listener = listener;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static HostGreetingServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = new HostGreetingServer(listener);
        _ = Task.Run(server.AnswerOnceAsync);
        return server;
    }

    private async Task AnswerOnceAsync()
    {
        using var connection = await _listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        string requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }
        string path = requestLine.Split(' ').ElementAtOrDefault(1) ?? "?";
        byte[] greeting = Encoding.UTF8.GetBytes($"greetings from the host, you asked for {path}");
        byte[] head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {greeting.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(greeting);
    }

    public void Dispose() => _listener.Stop();
}
