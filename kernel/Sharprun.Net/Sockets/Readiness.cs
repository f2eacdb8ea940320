namespace Sharprun.Net.Sockets;

/// <summary>A socket's readiness level, as poll(2) reports it.</summary>
[Flags]
public enum Readiness
{
    None = 0,
    /// <summary>Data, a pending connection, a peer FIN or an error: a receive/accept returns without waiting.</summary>
    Readable = 1,
    /// <summary>Send space, or a connect that finished (either way).</summary>
    Writable = 4,
    /// <summary>A pending error (SO_ERROR), e.g. a refused connect or a reset.</summary>
    Error = 8,
    /// <summary>Both directions are shut (reset, or FIN both ways): POLLHUP.</summary>
    Hangup = 16,
    /// <summary>The peer shut its sending side (POLLRDHUP).</summary>
    ReadHangup = 0x2000,
}
