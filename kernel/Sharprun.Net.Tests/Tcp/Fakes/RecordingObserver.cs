using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>Counts readiness edges, as the PAL's epoll emulation would see them.</summary>
internal sealed class RecordingObserver : IReadinessObserver
{
    public List<Readiness> Raised { get; } = [];

    public void OnReadinessRaised(NetSocket socket, Readiness raised) => Raised.Add(raised);

    public int Count(Readiness flag) => Raised.Count(r => (r & flag) != 0);
}
