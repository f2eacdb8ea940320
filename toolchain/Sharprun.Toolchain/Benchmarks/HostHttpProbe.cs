using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Single HTTP/1.1 requests from the host to a guest's forwarded port, each on a connection of its own
/// ("Connection: close"), read only as far as the status line: the poll that times boot to the first answered
/// request, and the request that tells a benchmark server to quit.
/// </summary>
public static class HostHttpProbe
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Requests GET / until a 200 arrives and returns the time on <paramref name="guest"/>'s clock when it did.
    /// QEMU's user network accepts a forwarded connection before the guest does, so an attempt that is refused,
    /// reset or unanswered within a second just means "not yet".
    /// </summary>
    public static TimeSpan FirstAnswer(ServingGuest guest, int port, TimeSpan timeout)
    {
        while (true)
        {
            if (StatusLine(port, "/", AttemptTimeout) is { } status && status.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal))
                return guest.Clock.Elapsed;
            if (guest.HasEnded)
                throw new ToolchainException($"{guest.Name} ended before it answered GET /: {guest.Describe()}");
            if (guest.Clock.Elapsed > timeout)
                throw new ToolchainException($"{guest.Name} answered no GET / with 200 within {timeout.TotalSeconds:0} s: {guest.Describe()}");
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Asks the server to exit (GET /quit); it must answer 200.</summary>
    public static void Quit(ServingGuest guest, int port)
    {
        string? status = StatusLine(port, "/quit", TimeSpan.FromSeconds(30));
        if (status is null || !status.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal))
            throw new ToolchainException($"{guest.Name} answered GET /quit with '{PrintableText.Of(status ?? "nothing")}': {guest.Describe()}");
    }

    /// <summary>The response's status line, or null when the connection failed or gave none in time.</summary>
    private static string? StatusLine(int port, string path, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var cancel = new CancellationTokenSource(timeout);
            socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancel.Token).AsTask().Wait(cancel.Token);
            socket.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            var received = new StringBuilder();
            var buffer = new byte[512];
            while (!received.ToString().Contains("\r\n", StringComparison.Ordinal) && received.Length < 512)
            {
                var remaining = timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                    return null;
                socket.ReceiveTimeout = (int)Math.Max(1, remaining.TotalMilliseconds);
                int count = socket.Receive(buffer);
                if (count == 0)
                    break;
                received.Append(Encoding.ASCII.GetString(buffer, 0, count));
            }
            string text = received.ToString();
            int end = text.IndexOf("\r\n", StringComparison.Ordinal);
            return end < 0 ? null : text[..end];
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or AggregateException)
        {
            return null;
        }
    }
}
