// The bulk-transfer and round-trip server of the net benchmark. TCP port 7000 takes one command per connection: a
// byte and a little-endian 64-bit count. 'R': receive that many bytes, then answer the count received (8 bytes), so
// the host's clock stops only when every byte reached the program; 'S': send that many bytes and close; 'Q': exit
// with 0. UDP port 7001 echoes every datagram back to its sender. Prints "listening" once both ports are bound.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Any, 7000));
listener.Listen(16);
using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
echo.Bind(new IPEndPoint(IPAddress.Any, 7001));
Console.WriteLine("listening");
_ = AcceptAll();
_ = EchoAll();
await quit.Task;
return 0;

async Task AcceptAll()
{
    while (true)
    {
        var connection = await listener.AcceptAsync();
        _ = Serve(connection);
    }
}

async Task Serve(Socket connection)
{
    using var _ = connection;
    var command = new byte[9];
    try
    {
        if (!await ReceiveExactly(connection, command))
            return;
        long count = BinaryPrimitives.ReadInt64LittleEndian(command.AsSpan(1));
        var buffer = new byte[64 * 1024];
        switch ((char)command[0])
        {
            case 'R':
                long received = 0;
                int chunk;
                while (received < count && (chunk = await connection.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                    received += chunk;
                var answer = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(answer, received);
                await connection.SendAsync(answer, SocketFlags.None);
                break;
            case 'S':
                for (long sent = 0; sent < count;)
                    sent += await connection.SendAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count - sent)), SocketFlags.None);
                break;
            case 'Q':
                quit.TrySetResult();
                break;
        }
        connection.Shutdown(SocketShutdown.Both);
    }
    catch (SocketException)
    {
        // The host gave up on this transfer; the next connection is served as usual.
    }
}

async Task EchoAll()
{
    var buffer = new byte[2048];
    EndPoint anyone = new IPEndPoint(IPAddress.Any, 0);
    while (true)
    {
        var datagram = await echo.ReceiveFromAsync(buffer, SocketFlags.None, anyone);
        await echo.SendToAsync(buffer.AsMemory(0, datagram.ReceivedBytes), SocketFlags.None, datagram.RemoteEndPoint);
    }
}

static async Task<bool> ReceiveExactly(Socket connection, byte[] buffer)
{
    for (int filled = 0; filled < buffer.Length;)
    {
        int received = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
        if (received == 0)
            return false;
        filled += received;
    }
    return true;
}
