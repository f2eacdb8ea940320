namespace Sharprun.Net.Pal.Sockets;

/// <summary>pal_networking.h SocketFlags given to send and receive calls, and the ones reported back.</summary>
internal static class SocketFlags
{
    private const int OutOfBand = 0x0001;
    private const int Peek = 0x0002;
    private const int DontWait = 0x1000;
    public const int Truncated = 0x0100;

    /// <summary>False for flags the stack does not implement (out-of-band data, DONTROUTE, the error queue).</summary>
    public static bool TryRead(int flags, out bool peek, out bool dontWait)
    {
        peek = (flags & Peek) != 0;
        dontWait = (flags & DontWait) != 0;
        return (flags & ~(Peek | DontWait)) == 0 && (flags & OutOfBand) == 0;
    }
}
