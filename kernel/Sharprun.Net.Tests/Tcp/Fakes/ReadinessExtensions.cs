using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>Readability helpers for readiness checks in tests.</summary>
internal static class ReadinessExtensions
{
    public static bool ReadinessHas(this NetSocket socket, Readiness flag) => (socket.Readiness & flag) != 0;
}
