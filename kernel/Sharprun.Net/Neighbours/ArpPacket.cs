using System.Buffers.Binary;
using Sharprun.Net.Addressing;
using Sharprun.Net.Links;

namespace Sharprun.Net.Neighbours;

/// <summary>An ARP packet for IPv4 over Ethernet (RFC 826); anything else is rejected.</summary>
internal readonly struct ArpPacket
{
    public const int Length = 28;
    public const ushort OperationRequest = 1;
    public const ushort OperationReply = 2;

    public ushort Operation { get; init; }
    public MacAddress SenderMac { get; init; }
    public IpAddress SenderIp { get; init; }
    public MacAddress TargetMac { get; init; }
    public IpAddress TargetIp { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> data, out ArpPacket packet)
    {
        packet = default;
        if (data.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(data) != 1
            || BinaryPrimitives.ReadUInt16BigEndian(data[2..]) != EthernetHeader.TypeIpv4
            || data[4] != 6 || data[5] != 4)
            return false;
        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        if (operation is not (OperationRequest or OperationReply))
            return false;
        packet = new ArpPacket
        {
            Operation = operation,
            SenderMac = MacAddress.Read(data[8..]),
            SenderIp = IpAddress.Read(data.Slice(14, 4)),
            TargetMac = MacAddress.Read(data[18..]),
            TargetIp = IpAddress.Read(data.Slice(24, 4)),
        };
        return true;
    }

    public void Write(Span<byte> data)
    {
        BinaryPrimitives.WriteUInt16BigEndian(data, 1);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], EthernetHeader.TypeIpv4);
        data[4] = 6;
        data[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(data[6..], Operation);
        SenderMac.Write(data[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[14..], SenderIp.V4);
        TargetMac.Write(data[18..]);
        BinaryPrimitives.WriteUInt32BigEndian(data[24..], TargetIp.V4);
    }
}
