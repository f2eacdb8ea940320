using Sharprun.Net.Addressing;

namespace Sharprun.Net.Tcp;

/// <summary>The four-tuple that names a connection.</summary>
internal readonly record struct TcpConnectionKey(IpAddress LocalAddress, ushort LocalPort, IpAddress RemoteAddress, ushort RemotePort);
