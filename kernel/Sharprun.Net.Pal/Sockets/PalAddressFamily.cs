namespace Sharprun.Net.Pal.Sockets;

/// <summary>pal_networking.h AddressFamily (System.Net.AddressFamily's numbers) against Linux's AF_* values.</summary>
internal static class PalAddressFamily
{
    public const int Unknown = -1;
    public const int Unspecified = 0;
    public const int Unix = 1;
    public const int InterNetwork = 2;
    public const int InterNetworkV6 = 23;
    private const int Packet = 65536;
    private const int ControllerAreaNetwork = 65537;
    private const ushort LinuxPacket = 17;
    private const ushort LinuxCan = 29;

    public static bool TryToLinux(int family, out ushort linux)
    {
        linux = family switch
        {
            Unspecified => LinuxSocketAddress.FamilyUnspecified,
            Unix => LinuxSocketAddress.FamilyUnix,
            InterNetwork => LinuxSocketAddress.FamilyInet,
            InterNetworkV6 => LinuxSocketAddress.FamilyInet6,
            Packet => LinuxPacket,
            ControllerAreaNetwork => LinuxCan,
            _ => ushort.MaxValue,
        };
        return linux != ushort.MaxValue;
    }

    public static int FromLinux(ushort linux) => linux switch
    {
        LinuxSocketAddress.FamilyUnspecified => Unspecified,
        LinuxSocketAddress.FamilyUnix => Unix,
        LinuxSocketAddress.FamilyInet => InterNetwork,
        LinuxSocketAddress.FamilyInet6 => InterNetworkV6,
        LinuxPacket => Packet,
        LinuxCan => ControllerAreaNetwork,
        _ => Unknown,
    };
}
