using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Icmp;

/// <summary>ICMP (RFC 792): echo, errors for UDP and unknown protocols, and errors received, passed to UDP and TCP.</summary>
internal sealed class Icmpv4Layer(NetworkStack stack)
{
    public const byte TypeEchoReply = 0;
    public const byte TypeDestinationUnreachable = 3;
    public const byte TypeEchoRequest = 8;
    public const byte TypeTimeExceeded = 11;
    public const byte CodeProtocolUnreachable = 2;
    public const byte CodePortUnreachable = 3;
    public const byte CodeFragmentationNeeded = 4;

    private const int HeaderLength = 8;
    // RFC 1812 §4.3.2.3: quote as much of the original as fits in a 576-byte datagram.
    private const int MaxQuote = 576 - Ipv4Header.MinimumLength - HeaderLength;

    private readonly IcmpErrorLimiter _limiter = new();

    public void Input(NetworkInterface face, in Ipv4Header header, ReadOnlySpan<byte> packet, ReadOnlySpan<byte> message, bool broadcast)
    {
        if (message.Length < HeaderLength)
        {
            stack.Statistics.Drop(DropReason.IcmpMalformed);
            return;
        }
        if (!InternetChecksum.Verifies(InternetChecksum.Add(0, message)))
        {
            stack.Statistics.Drop(DropReason.IcmpBadChecksum);
            return;
        }
        switch (message[0])
        {
            case TypeEchoRequest when !broadcast:
                Reply(header.Destination, header.Source, message);
                break;
            case TypeEchoReply:
                stack.EchoReplies.Add(new EchoReply(header.Source, BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
                    BinaryPrimitives.ReadUInt16BigEndian(message[6..]), message.Length - HeaderLength, stack.Now));
                break;
            case TypeDestinationUnreachable:
                Unreachable(message[1], BinaryPrimitives.ReadUInt16BigEndian(message[6..]), message[HeaderLength..]);
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
        BinaryPrimitives.WriteUInt16BigEndian(reply[2..], InternetChecksum.Finish(InternetChecksum.Add(0, reply)));
        stack.Ipv4.Send(source, destination, IpProtocol.Icmpv4, buffer, request.Length);
    }

    /// <summary>An error about a packet we sent: <paramref name="quoted"/> is its IP header and at least 8 bytes after it.</summary>
    private void Unreachable(byte code, ushort nextHopMtu, ReadOnlySpan<byte> quoted)
    {
        if (quoted.Length < Ipv4Header.MinimumLength || (quoted[0] >> 4) != 4)
        {
            stack.Statistics.Drop(DropReason.IcmpMalformed);
            return;
        }
        int headerLength = (quoted[0] & 0xF) * 4;
        if (headerLength < Ipv4Header.MinimumLength || quoted.Length < headerLength + 8)
        {
            stack.Statistics.Drop(DropReason.IcmpMalformed);
            return;
        }
        var local = IpAddress.Read(quoted.Slice(12, 4));
        var remote = IpAddress.Read(quoted.Slice(16, 4));
        if (!stack.Routes.IsLocal(local))
            return;
        ushort localPort = BinaryPrimitives.ReadUInt16BigEndian(quoted[headerLength..]);
        ushort remotePort = BinaryPrimitives.ReadUInt16BigEndian(quoted[(headerLength + 2)..]);
        bool hard = code is CodeProtocolUnreachable or CodePortUnreachable or 9 or 10 or 13;
        switch (quoted[9])
        {
            case IpProtocol.Udp:
                stack.Udp.OnUnreachable(local, localPort, remote, remotePort, code == CodePortUnreachable ? NetError.ConnectionRefused : NetError.HostUnreachable);
                break;
            case IpProtocol.Tcp when code == CodeFragmentationNeeded:
                // RFC 1191 §5: a router older than PMTU discovery sends no next-hop MTU; assume 576.
                stack.Tcp.OnPacketTooBig(local, remote, remotePort, localPort, nextHopMtu >= 68 ? nextHopMtu : 576);
                break;
            case IpProtocol.Tcp:
                stack.Tcp.OnDestinationUnreachable(local, remote, remotePort, localPort, hard);
                break;
        }
    }

    /// <summary>Sends an error about <paramref name="original"/> (a packet we received) back to its source, rate-limited.</summary>
    public void SendError(byte type, byte code, ReadOnlySpan<byte> original, ushort nextHopMtu)
    {
        if (!Ipv4Header.TryRead(original, out var header, out _) || header.FragmentOffset != 0 || header.Source.IsAny
            || header.Destination.IsMulticast || header.Destination == IpAddress.BroadcastV4 || !stack.Routes.IsLocal(header.Destination))
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
        BinaryPrimitives.WriteUInt32BigEndian(message[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], nextHopMtu);
        original[..quote].CopyTo(message[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Finish(InternetChecksum.Add(0, message)));
        stack.Ipv4.Send(header.Destination, header.Source, IpProtocol.Icmpv4, buffer, message.Length);
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
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Finish(InternetChecksum.Add(0, message)));
        return stack.Ipv4.Send(route.Source, destination, IpProtocol.Icmpv4, buffer, message.Length);
    }
}
