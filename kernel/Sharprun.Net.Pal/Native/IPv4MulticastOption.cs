namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h IPv4MulticastOption: group and local address in network byte order, interface index; 16 bytes.</summary>
internal struct IPv4MulticastOption
{
    public uint MulticastAddress;
    public uint LocalAddress;
    public int InterfaceIndex;
    public int Padding;
}
