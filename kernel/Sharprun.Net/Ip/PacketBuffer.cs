using Sharprun.Net.Links;

namespace Sharprun.Net.Ip;

/// <summary>
/// The layout of the stack's transmit buffers: a transport writes its payload at <see cref="Headroom"/>, and the IP
/// header and Ethernet header go in front of it, so a packet is built once and never copied to add headers.
/// </summary>
internal static class PacketBuffer
{
    public const int MaxIpHeader = 60;
    public const int Headroom = EthernetHeader.Length + MaxIpHeader;
    public const int MaxIpPacket = 65535;
    public const int Size = Headroom + MaxIpPacket;

    public static byte[] Allocate() => new byte[Size];
}
