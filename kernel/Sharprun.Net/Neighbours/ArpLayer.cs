using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Links;

namespace Sharprun.Net.Neighbours;

/// <summary>ARP (RFC 826): answers requests for our address, learns from what it hears, asks for neighbours, announces new addresses.</summary>
internal sealed class ArpLayer(NetworkStack stack)
{
    private readonly byte[] _frame = new byte[EthernetHeader.Length + ArpPacket.Length];

    public void Input(NetworkInterface face, ReadOnlySpan<byte> data)
    {
        if (!ArpPacket.TryRead(data, out var packet) || packet.SenderMac.IsMulticast || packet.SenderIp.IsMulticast
            || face.IsBroadcastV4(packet.SenderIp))
        {
            stack.Statistics.Drop(DropReason.ArpMalformed);
            return;
        }
        if (face.Ipv4Address is not { } ours)
            return;
        if (packet.SenderIp == ours && packet.SenderMac != face.Mac)
        {
            stack.Log($"net: {face.Name} address conflict: {ours} is also used by {packet.SenderMac}");
            return;
        }
        bool forUs = packet.TargetIp == ours;
        // Learn the sender when the packet is for us (RFC 826's merge rule), or refresh an entry we have anyway.
        if (!packet.SenderIp.IsAny)
            stack.Ethernet.Release(face, packet.SenderMac, face.Neighbours.Learn(packet.SenderIp, packet.SenderMac, stack.Now, create: forUs));
        if (forUs && packet.Operation == ArpPacket.OperationRequest)
            Send(face, ArpPacket.OperationReply, packet.SenderMac, packet.SenderMac, packet.SenderIp, ours);
    }

    public void SendRequest(NetworkInterface face, IpAddress target)
    {
        if (face.Ipv4Address is { } ours)
            Send(face, ArpPacket.OperationRequest, MacAddress.Broadcast, default, target, ours);
    }

    /// <summary>A gratuitous ARP (RFC 5227 announcement): neighbours with a stale entry for the address update it.</summary>
    public void Announce(NetworkInterface face)
    {
        if (face.Ipv4Address is { } ours)
            Send(face, ArpPacket.OperationRequest, MacAddress.Broadcast, default, ours, ours);
    }

    private void Send(NetworkInterface face, ushort operation, MacAddress frameDestination, MacAddress targetMac, IpAddress targetIp, IpAddress senderIp)
    {
        EthernetHeader.Write(_frame, frameDestination, face.Mac, EthernetHeader.TypeArp);
        new ArpPacket { Operation = operation, SenderMac = face.Mac, SenderIp = senderIp, TargetMac = targetMac, TargetIp = targetIp }
            .Write(_frame.AsSpan(EthernetHeader.Length));
        stack.Ethernet.TransmitFrame(face, _frame);
    }
}
