using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Neighbours;

namespace Sharprun.Net.Links;

/// <summary>Ethernet in and out: demultiplexes received frames by EtherType, and addresses outgoing IP packets to their next hop's MAC.</summary>
internal sealed class EthernetLayer(NetworkStack stack)
{
    public void Input(NetworkInterface face, ReadOnlySpan<byte> frame, bool checksumVerified)
    {
        if (frame.Length < EthernetHeader.Length)
        {
            stack.Statistics.Drop(DropReason.FrameTooShort);
            return;
        }
        var destination = EthernetHeader.Destination(frame);
        if (destination != face.Mac && !destination.IsMulticast)
        {
            stack.Statistics.Drop(DropReason.NotForThisHost);
            return;
        }
        var payload = frame[EthernetHeader.Length..];
        switch (EthernetHeader.EtherType(frame))
        {
            case EthernetHeader.TypeArp:
                stack.Arp.Input(face, payload);
                break;
            case EthernetHeader.TypeIpv4:
                stack.Ipv4.Input(face, payload, checksumVerified);
                break;
            case EthernetHeader.TypeIpv6:
                stack.Ipv6.Input(face, payload, checksumVerified);
                break;
            default:
                stack.Statistics.Drop(DropReason.UnsupportedEtherType);
                break;
        }
    }

    /// <summary>
    /// Sends the IP packet at <paramref name="buffer"/>[<paramref name="ipStart"/>..] (Ethernet header room before it)
    /// to <paramref name="nextHop"/>, resolving its MAC first when needed; the packet waits in the neighbour cache
    /// meanwhile.
    /// </summary>
    public void Transmit(NetworkInterface face, byte[] buffer, int ipStart, int ipLength, IpAddress nextHop)
    {
        int frameStart = ipStart - EthernetHeader.Length;
        var frame = buffer.AsSpan(frameStart, ipLength + EthernetHeader.Length);
        ushort etherType = nextHop.IsV4 ? EthernetHeader.TypeIpv4 : EthernetHeader.TypeIpv6;
        MacAddress destination;
        if (nextHop.IsV4 && face.IsBroadcastV4(nextHop))
            destination = MacAddress.Broadcast;
        else if (nextHop.IsMulticast)
            destination = EthernetHeader.MulticastMac(nextHop);
        else if (!face.Neighbours.TryLookup(nextHop, stack.Now, out destination))
        {
            EthernetHeader.Write(frame, default, face.Mac, etherType);
            switch (face.Neighbours.Enqueue(nextHop, frame, stack.Now))
            {
                case NeighbourQueueing.QueuedAndSolicit:
                    Solicit(face, nextHop);
                    stack.ArmTimer(face.Neighbours.NextDeadline);
                    break;
                case NeighbourQueueing.Dropped:
                    stack.Statistics.Drop(DropReason.NeighbourQueueFull);
                    break;
            }
            return;
        }
        EthernetHeader.Write(frame, destination, face.Mac, etherType);
        TransmitFrame(face, frame);
    }

    public void TransmitFrame(NetworkInterface face, ReadOnlySpan<byte> frame)
    {
        if (face.Device!.TryTransmit(frame, TransmitChecksum.None))
            stack.Statistics.FramesTransmitted++;
        else
            stack.Statistics.Drop(DropReason.DeviceQueueFull);
    }

    /// <summary>A neighbour was resolved: its waiting frames go out now.</summary>
    public void Release(NetworkInterface face, MacAddress mac, Queue<byte[]>? pending)
    {
        if (pending is null)
            return;
        foreach (byte[] frame in pending)
        {
            mac.Write(frame);
            TransmitFrame(face, frame);
        }
    }

    public void Solicit(NetworkInterface face, IpAddress address)
    {
        if (address.IsV4)
            stack.Arp.SendRequest(face, address);
        else
            stack.NeighbourDiscovery.SendSolicitation(face, address);
    }
}
