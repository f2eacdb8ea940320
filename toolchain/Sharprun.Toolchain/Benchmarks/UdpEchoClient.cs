using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Round trips through the tcpbulk program's UDP echo, timed on the host: one small datagram at a time, each with
/// its sequence number, waiting for its own echo (a late echo of an earlier one is skipped). A datagram not echoed
/// within a second counts as lost; more than a tenth lost makes the measurement fail.
/// </summary>
public static class UdpEchoClient
{
    private const int DatagramBytes = 32;
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The round trips in microseconds, in order, and how many datagrams were lost.</summary>
    public static (IReadOnlyList<double> Microseconds, int Lost) RoundTrips(int port, int count, string source)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var times = new List<double>(count);
        var datagram = new byte[DatagramBytes];
        var echo = new byte[DatagramBytes * 2];
        int lost = 0;
        for (int sequence = 0; times.Count < count; sequence++)
        {
            if (lost > count / 10)
                throw new ToolchainException($"{source} echoed too few UDP datagrams: {lost} lost for {times.Count} echoed");
            BinaryPrimitives.WriteInt32LittleEndian(datagram, sequence);
            var clock = Stopwatch.StartNew();
            socket.Send(datagram);
            if (AwaitEcho(socket, echo, sequence, clock))
                times.Add(clock.Elapsed.TotalMicroseconds);
            else
                lost++;
        }
        return (times, lost);
    }

    private static bool AwaitEcho(Socket socket, byte[] echo, int sequence, Stopwatch clock)
    {
        while (true)
        {
            var remaining = EchoTimeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero || !socket.Poll(remaining, SelectMode.SelectRead))
                return false;
            try
            {
                int count = socket.Receive(echo);
                if (count == DatagramBytes && BinaryPrimitives.ReadInt32LittleEndian(echo) == sequence)
                    return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP "port unreachable" for an earlier datagram: the echo is not there (yet).
            }
        }
    }
}
