namespace Sharprun.Net.Pal.Native;

/// <summary>pal_interfaceaddresses.h LinkLayerAddressInfo: 16 bytes.</summary>
internal unsafe struct LinkLayerAddressInfo
{
    public uint InterfaceIndex;
    public fixed byte AddressBytes[8];
    public byte NumAddressBytes;
    public byte Padding;
    public ushort HardwareType;
}
