namespace Sharprun.Net.Pal.Native;

/// <summary>pal_interfaceaddresses.h IpAddressInfo: 24 bytes.</summary>
internal unsafe struct IpAddressInfo
{
    public uint InterfaceIndex;
    public fixed byte AddressBytes[16];
    public byte NumAddressBytes;
    public byte PrefixLength;
    public fixed byte Padding[2];
}
