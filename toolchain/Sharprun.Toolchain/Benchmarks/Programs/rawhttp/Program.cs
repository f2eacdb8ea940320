// A raw-socket HTTP/1.1 responder for the net benchmark, the same protocol as the httplistener program without
// HttpListener's parsing: on port 8080 it accepts connections with async Socket calls and answers every request
// head (GET /, pipelined or one by one, keep-alive) with a fixed small body. Prints "listening" once it accepts
// connections; a request for /quit is answered with "Connection: close" and the program exits with 0.
using System.Net;
using System.Net.Sockets;
using System.Text;

byte[] answer = Response("hello from the sharprun net benchmark\n", close: false);
byte[] bye = Response("bye\n", close: true);
byte[] headEnd = "\r\n\r\n"u8.ToArray();
var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Any, 8080));
listener.Listen(128);
Console.WriteLine("listening");
_ = AcceptAll();
await quit.Task;
return 0;

async Task AcceptAll()
{
    while (true)
    {
        var connection = await listener.AcceptAsync();
        connection.NoDelay = true;
        _ = Serve(connection);
    }
}

// Reads request heads into a buffer and answers each complete one; a head longer than the buffer ends the connection.
async Task Serve(Socket connection)
{
    using var _ = connection;
    var buffer = new byte[8192];
    int filled = 0;
    try
    {
        while (true)
        {
            int received = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
            if (received == 0)
                return;
            filled += received;
            int start = 0;
            int end;
            while ((end = buffer.AsSpan(start, filled - start).IndexOf(headEnd)) >= 0)
            {
                bool isQuit = buffer.AsSpan(start, end).StartsWith("GET /quit "u8);
                await connection.SendAsync(isQuit ? bye : answer, SocketFlags.None);
                start += end + headEnd.Length;
                if (isQuit)
                {
                    quit.TrySetResult();
                    return;
                }
            }
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
            if (filled == buffer.Length)
                return;
        }
    }
    catch (SocketException)
    {
        // The client went away mid-request: nothing to answer.
    }
}

static byte[] Response(string body, bool close) => Encoding.ASCII.GetBytes(
    $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n{(close ? "Connection: close\r\n" : "")}\r\n{body}");
