using System.Buffers;

namespace Sharprun.Net.Interfaces;

/// <summary>
/// IP packets sent to this host, held until the next Poll so a send never re-enters the receive path; bounded in
/// packets and bytes, buffers pooled.
/// </summary>
internal sealed class LoopbackQueue
{
    public const int MaxPackets = 1024;
    public const int MaxBytes = 8 * 1024 * 1024;

    private readonly Queue<(byte[] Buffer, int Length)> _packets = new();
    private int _bytes;

    public int Count => _packets.Count;

    public bool TryEnqueue(ReadOnlySpan<byte> packet)
    {
        if (_packets.Count >= MaxPackets || _bytes + packet.Length > MaxBytes)
            return false;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(packet.Length);
        packet.CopyTo(buffer);
        _packets.Enqueue((buffer, packet.Length));
        _bytes += packet.Length;
        return true;
    }

    /// <summary>Takes the oldest packet; hand the buffer back with <see cref="Return"/> once processed.</summary>
    public bool TryDequeue(out byte[] buffer, out int length)
    {
        if (!_packets.TryDequeue(out var packet))
        {
            buffer = [];
            length = 0;
            return false;
        }
        _bytes -= packet.Length;
        (buffer, length) = packet;
        return true;
    }

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);
}
