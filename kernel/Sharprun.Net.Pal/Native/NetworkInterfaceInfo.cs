using System.Runtime.InteropServices;

namespace Sharprun.Net.Pal.Native;

/// <summary>pal_interfaceaddresses.h NetworkInterfaceInfo: 48 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NetworkInterfaceInfo
{
    public fixed byte Name[16];
    public long Speed;
    public uint InterfaceIndex;
    public int Mtu;
    public ushort HardwareType;
    public byte OperationalState;
    public byte NumAddressBytes;
    public fixed byte AddressBytes[8];
    public byte SupportsMulticast;
    public fixed byte Padding[3];
}
