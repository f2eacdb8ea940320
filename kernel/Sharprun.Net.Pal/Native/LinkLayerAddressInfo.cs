namespace Sharprun.Net.Pal.Native;

/// <summary>pal_interfaceaddresses.h LinkLayerAddressInfo: 20 bytes.</summary>
internal unsafe struct LinkLayerAddressInfo
{
    public uint InterfaceIndex;
    public fixed byte AddressBytes[12];
    public byte NumAddressBytes;
    public byte Padding;
    public ushort HardwareType;
}
