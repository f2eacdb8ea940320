namespace Sharprun.Net.Sockets;

/// <summary>
/// Told, under the stack's lock, every time a socket becomes more ready (new data, a new connection, send space,
/// a FIN, an error) even if it was ready already: the edge the PAL's epoll emulation and its blocking waits need.
/// Must not call back into the stack.
/// </summary>
public interface IReadinessObserver
{
    void OnReadinessRaised(NetSocket socket, Readiness raised);
}
