using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The host's side of the tcpbulk program's TCP protocol (Benchmarks/Programs/tcpbulk): one connection per
/// transfer, a command byte and a little-endian 64-bit count, then the bytes. Times are on the host's clock, from
/// the command to the last byte (guest to host) or to the guest's answer that it received them all (host to guest).
/// </summary>
public static class TcpBulkClient
{
    /// <summary>Longest wait for one send or receive; a stalled transfer fails instead of hanging the benchmark.</summary>
    private const int StallMilliseconds = 60_000;

    /// <summary>Sends <paramref name="bytes"/> bytes to the guest and returns how long it took until the guest confirmed them.</summary>
    public static TimeSpan ToGuest(int port, long bytes, string source)
    {
        using var socket = Connect(port);
        var clock = Stopwatch.StartNew();
        socket.Send(Command('R', bytes));
        var chunk = new byte[64 * 1024];
        new Random(7).NextBytes(chunk);
        for (long sent = 0; sent < bytes;)
            sent += socket.Send(chunk, 0, (int)Math.Min(chunk.Length, bytes - sent), SocketFlags.None);
        var answer = new byte[8];
        ReceiveExactly(socket, answer, source);
        var elapsed = clock.Elapsed;
        long received = BinaryPrimitives.ReadInt64LittleEndian(answer);
        if (received != bytes)
            throw new ToolchainException($"{source} received {received} of the {bytes} bytes sent");
        return elapsed;
    }

    /// <summary>Has the guest send <paramref name="bytes"/> bytes and returns how long it took until the last arrived.</summary>
    public static TimeSpan FromGuest(int port, long bytes, string source)
    {
        using var socket = Connect(port);
        var clock = Stopwatch.StartNew();
        socket.Send(Command('S', bytes));
        var buffer = new byte[256 * 1024];
        long received = 0;
        int count;
        while (received < bytes && (count = Receive(socket, buffer, source)) > 0)
            received += count;
        var elapsed = clock.Elapsed;
        if (received != bytes)
            throw new ToolchainException($"{source} sent {received} of the {bytes} bytes asked for before it closed the connection");
        return elapsed;
    }

    /// <summary>Tells the program to exit.</summary>
    public static void Quit(int port)
    {
        using var socket = Connect(port);
        socket.Send(Command('Q', 0));
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = StallMilliseconds,
            SendTimeout = StallMilliseconds,
        };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static byte[] Command(char command, long count)
    {
        var bytes = new byte[9];
        bytes[0] = (byte)command;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(1), count);
        return bytes;
    }

    private static void ReceiveExactly(Socket socket, byte[] buffer, string source)
    {
        for (int filled = 0; filled < buffer.Length;)
        {
            int count = Receive(socket, buffer.AsSpan(filled), source);
            if (count == 0)
                throw new ToolchainException($"{source} closed the connection before it confirmed the transfer");
            filled += count;
        }
    }

    private static int Receive(Socket socket, Span<byte> buffer, string source)
    {
        try
        {
            return socket.Receive(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            throw new ToolchainException($"{source}: the transfer stalled for {StallMilliseconds / 1000} s");
        }
    }
}
