namespace Sharprun.Net.Tcp;

/// <summary>Who holds one local port: sockets bound to it, and how many connections (of any state, orphans included) use it.</summary>
internal sealed class TcpPortBinding
{
    public List<TcpSocket> Sockets { get; } = [];

    public int Connections { get; set; }

    public bool IsUnused => Sockets.Count == 0 && Connections == 0;
}
