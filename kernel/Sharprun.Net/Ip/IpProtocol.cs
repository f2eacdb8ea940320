namespace Sharprun.Net.Ip;

/// <summary>IP protocol numbers (IPv4 Protocol, IPv6 Next Header) the stack knows.</summary>
internal static class IpProtocol
{
    public const byte HopByHop = 0;
    public const byte Icmpv4 = 1;
    public const byte Igmp = 2;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte Icmpv6 = 58;
    public const byte NoNextHeader = 59;
    public const byte DestinationOptions = 60;
}
