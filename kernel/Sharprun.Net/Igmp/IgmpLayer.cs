using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Interfaces;
using Sharprun.Net.Ip;

namespace Sharprun.Net.Igmp;

/// <summary>
/// IGMPv2 (RFC 2236) as a host: a Membership Report when an interface joins a group, a Leave Group when its last
/// member leaves, and a report of each joined group when a querier asks (at once, without the random delay: one
/// host per group is all a unikernel has). 224.0.0.1, which every host is in, is never reported. IGMPv3 queries are
/// answered with v2 reports, as RFC 3376 §7 lets a v2 host do.
/// </summary>
internal sealed class IgmpLayer(NetworkStack stack)
{
    public const int MessageLength = 8;

    private const byte TypeQuery = 0x11;
    private const byte TypeReportV2 = 0x16;
    private const byte TypeLeave = 0x17;

    private static readonly IpAddress AllHosts = IpAddress.FromV4(0xE000_0001);
    private static readonly IpAddress AllRouters = IpAddress.FromV4(0xE000_0002);

    public static bool IsAllHosts(IpAddress address) => address == AllHosts;

    public void Input(NetworkInterface face, ReadOnlySpan<byte> message)
    {
        if (message.Length < MessageLength || !InternetChecksum.Verifies(InternetChecksum.Add(0, message)))
        {
            stack.Statistics.Drop(DropReason.IgmpMalformed);
            return;
        }
        if (message[0] != TypeQuery)
            return;
        var group = IpAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(message[4..]));
        if (group.IsAny)
        {
            foreach (var joined in face.MulticastGroups.All.Where(g => g.IsV4).ToList())
                Report(face, joined);
        }
        else if (group.IsMulticast && face.MulticastGroups.Contains(group))
        {
            Report(face, group);
        }
    }

    /// <summary>Announces that <paramref name="face"/> is now in <paramref name="group"/>.</summary>
    public void Report(NetworkInterface face, IpAddress group)
    {
        if (!IsAllHosts(group))
            Send(face, TypeReportV2, group, group);
    }

    /// <summary>Tells the routers that <paramref name="face"/> left <paramref name="group"/>.</summary>
    public void Leave(NetworkInterface face, IpAddress group)
    {
        if (!IsAllHosts(group))
            Send(face, TypeLeave, group, AllRouters);
    }

    private void Send(NetworkInterface face, byte type, IpAddress group, IpAddress destination)
    {
        if (face.IsLoopback || face.Ipv4Address is not { } source)
            return;
        byte[] buffer = stack.TransmitBuffer;
        var message = buffer.AsSpan(PacketBuffer.Headroom, MessageLength);
        message.Clear();
        message[0] = type;
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], group.V4);
        BinaryPrimitives.WriteUInt16BigEndian(message[2..], InternetChecksum.Finish(InternetChecksum.Add(0, message)));
        stack.Ipv4.Send(source, destination, IpProtocol.Igmp, buffer, MessageLength, timeToLive: 1, via: face);
    }
}
