using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tests.Tcp.Fakes;

/// <summary>Pushes a deterministic byte pattern from one socket to another and checks every byte that arrives.</summary>
internal sealed class BulkTransfer(NetSocket sender, NetSocket receiver, int total)
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private readonly byte[] _incoming = new byte[64 * 1024];

    public int Sent { get; private set; }

    public int Received { get; private set; }

    public bool Corrupted { get; private set; }

    public static byte PatternAt(int offset) => (byte)(offset * 7 + (offset >> 11));

    /// <summary>One application turn: write what fits, read what arrived; true when all bytes arrived intact.</summary>
    public bool Step()
    {
        while (Sent < total)
        {
            int n = Math.Min(_chunk.Length, total - Sent);
            for (int i = 0; i < n; i++)
                _chunk[i] = PatternAt(Sent + i);
            if (sender.Send(_chunk.AsSpan(0, n), null, out int sent) != NetError.Success)
                break;
            Sent += sent;
            if (sent < n)
                break;
        }
        while (receiver.Receive(_incoming, false, out int received, out _, out _) == NetError.Success && received > 0)
        {
            for (int i = 0; i < received; i++)
            {
                if (_incoming[i] != PatternAt(Received + i))
                    Corrupted = true;
            }
            Received += received;
        }
        return Received >= total || Corrupted;
    }
}
