namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h SocketEvent: the registration's data and its SocketEvents, 16 bytes.</summary>
internal struct SocketEvent
{
    public nuint Data;
    public SocketEvents Events;
    public uint Padding;
}
