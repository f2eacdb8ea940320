using System.Threading;

namespace Sharprun.Hypercall.Console;

/// <summary>
/// The input side of a xencons_interface page: a 1 KiB ring that xenconsoled fills (it owns in_prod) and the
/// guest drains (it owns in_cons). The producer index comes from another domain, so it is read once and checked
/// against our own consumer index, kept privately: a producer more than a ring ahead is impossible, and the
/// caller then stops reading the ring for good. Pure: host tests drive it with hostile indices.
/// </summary>
internal static unsafe class ConsoleRingInput
{
    public const int RingOffset = 0;
    public const uint RingSize = 1024;
    public const int ConsumerOffset = 3072;
    public const int ProducerOffset = 3076;

    /// <summary>
    /// Copies up to <paramref name="length"/> received bytes from <paramref name="page"/> to
    /// <paramref name="buffer"/>, advances <paramref name="consumer"/> and publishes it; returns the count, or -1
    /// when the producer index is impossible (nothing is copied or published then).
    /// </summary>
    public static int Take(byte* page, ref uint consumer, byte* buffer, int length)
    {
        uint available = Volatile.Read(ref *(uint*)(page + ProducerOffset)) - consumer;
        if (available > RingSize)
            return -1;
        uint count = length <= 0 ? 0 : available < (uint)length ? available : (uint)length;
        for (uint i = 0; i < count; i++)
            buffer[i] = page[RingOffset + ((consumer + i) & (RingSize - 1))];
        if (count > 0)
        {
            consumer += count;
            // The bytes are copied before the index that frees their space is published.
            Volatile.Write(ref *(uint*)(page + ConsumerOffset), consumer);
        }
        return (int)count;
    }
}
