namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h SocketEvents, as CoreLib's SocketAsyncEngine reads them.</summary>
[System.Flags]
internal enum SocketEvents
{
    None = 0x00,
    Read = 0x01,
    Write = 0x02,
    ReadClose = 0x04,
    Close = 0x08,
    Error = 0x10,
}
