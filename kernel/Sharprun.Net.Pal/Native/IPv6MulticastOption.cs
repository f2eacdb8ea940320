namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h IPv6MulticastOption: the group as a PAL IPAddress and the interface index; 32 bytes.</summary>
internal struct IPv6MulticastOption
{
    public PalIPAddress Address;
    public int InterfaceIndex;
    public int Padding;
}
