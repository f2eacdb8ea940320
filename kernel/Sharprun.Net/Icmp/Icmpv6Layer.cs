using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Icmp;

/// <summary>ICMPv6 (RFC 4443): echo, errors sent for UDP and received for UDP and TCP; neighbour discovery messages go to <see cref="Neighbours.NeighbourDiscovery"/>.</summary>
internal sealed class Icmpv6Layer(NetworkStack stack)
{
    public const byte TypeDestinationUnreachable = 1;
    public const byte TypePacketTooBig = 2;
    public const byte TypeEchoRequest = 128;
    public const byte TypeEchoReply = 129;
    public const byte CodePortUnreachable = 4;

    private const int HeaderLength = 8;
    // RFC 4443 §2.4 c: the error fits the minimum IPv6 MTU.
    private const int MaxQuote = 1280 - Ipv6Header.Length - HeaderLength;

    private readonly IcmpErrorLimiter _limiter = new();

    public static ushort Checksum(IpAddress source, IpAddress destination, ReadOnlySpan<byte> message) =>
        InternetChecksum.Finish(InternetChecksum.Add(InternetChecksum.PseudoHeader(source, destination, IpProtocol.Icmpv6, message.Length), message));

    public void Input(NetworkInterface face, in Ipv6Header header, ReadOnlySpan<byte> packet, ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
        {
            stack.Statistics.Drop(DropReason.IcmpMalformed);
            return;
        }
        if (Checksum(header.Source, header.Destination, message) != 0)
        {
            stack.Statistics.Drop(DropReason.IcmpBadChecksum);
            return;
        }
        switch (message[0])
        {
            case TypeEchoRequest when !header.Destination.IsMulticast:
                Reply(header.Destination, header.Source, message);
                break;
            case TypeEchoReply:
                stack.EchoReplies.Add(new EchoReply(header.Source, BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
                    BinaryPrimitives.ReadUInt16BigEndian(message[6..]), message.Length - HeaderLength, stack.Now));
                break;
            case TypeDestinationUnreachable or TypePacketTooBig:
                Error(message[0], message[1], BinaryPrimitives.ReadUInt32BigEndian(message[4..]), message[HeaderLength..]);
                break;
            case >= 133 and <= 137:
                stack.NeighbourDiscovery.Input(face, header, message);
                break;
        }
    }

    private void Reply(IpAddress source, IpAddress destination, ReadOnlySpan<byte> request)
    {
        byte[] buffer = stack.TransmitBuffer;
        var reply = buffer.AsSpan(PacketBuffer.Headroom, request.Length);
        request.CopyTo(reply);
        reply[0] = TypeEchoReply;
        reply[2] = reply[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(reply[2..], Checksum(source, destination, reply));
        stack.Ipv6.Send(source, destination, IpProtocol.Icmpv6, buffer, reply.Length);
    }

    private void Error(byte type, byte code, uint parameter, ReadOnlySpan<byte> quoted)
    {
        if (quoted.Length < Ipv6Header.Length + 8 || (quoted[0] >> 4) != 6)
        {
            stack.Statistics.Drop(DropReason.IcmpMalformed);
            return;
        }
        var local = IpAddress.Read(quoted.Slice(8, 16));
        var remote = IpAddress.Read(quoted.Slice(24, 16));
        if (!stack.Routes.IsLocal(local))
            return;
        // Only errors about packets without extension headers are matched to a socket: the stack sends no others.
        ushort localPort = BinaryPrimitives.ReadUInt16BigEndian(quoted[Ipv6Header.Length..]);
        ushort remotePort = BinaryPrimitives.ReadUInt16BigEndian(quoted[(Ipv6Header.Length + 2)..]);
        switch (quoted[6])
        {
            case IpProtocol.Udp when type == TypeDestinationUnreachable:
                stack.Udp.OnUnreachable(local, localPort, remote, remotePort, code == CodePortUnreachable ? NetError.ConnectionRefused : NetError.HostUnreachable);
                break;
            case IpProtocol.Tcp when type == TypePacketTooBig:
                stack.Tcp.OnPacketTooBig(local, remote, remotePort, localPort, (int)Math.Clamp(parameter, 1280u, 65535u));
                break;
            case IpProtocol.Tcp:
                stack.Tcp.OnDestinationUnreachable(local, remote, remotePort, localPort, hard: code is 1 or 4);
                break;
        }
    }

    /// <summary>Sends an error about <paramref name="original"/> (a packet we received) back to its source, rate-limited.</summary>
    public void SendError(byte type, byte code, ReadOnlySpan<byte> original, uint parameter)
    {
        if (!Ipv6Header.TryRead(original, out var header, out _) || header.Source.IsAny || header.Destination.IsMulticast
            || !stack.Routes.IsLocal(header.Destination))
            return;
        if (!_limiter.TryTake(stack.Now))
        {
            stack.Statistics.Drop(DropReason.IcmpErrorRateLimited);
            return;
        }
        int quote = Math.Min(original.Length, MaxQuote);
        byte[] buffer = stack.TransmitBuffer;
        var message = buffer.AsSpan(PacketBuffer.Headroom, HeaderLength + quote);
        message[0] = type;
        message[1] = code;
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], parameter);
        original[..quote].CopyTo(message[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], Checksum(header.Destination, header.Source, message));
        stack.Ipv6.Send(header.Destination, header.Source, IpProtocol.Icmpv6, buffer, message.Length);
    }

    public NetError SendEcho(IpAddress destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> data)
    {
        if (!stack.Routes.TryLookup(destination, out var route))
            return NetError.NetworkUnreachable;
        byte[] buffer = stack.TransmitBuffer;
        var message = buffer.AsSpan(PacketBuffer.Headroom, HeaderLength + data.Length);
        message[0] = TypeEchoRequest;
        message[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], sequence);
        data.CopyTo(message[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], Checksum(route.Source, destination, message));
        return stack.Ipv6.Send(route.Source, destination, IpProtocol.Icmpv6, buffer, message.Length);
    }
}
