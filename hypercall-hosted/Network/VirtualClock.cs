using Sharprun.Net.Links;

namespace Sharprun.Hypercall.Hosted.Network;

/// <summary>Time that moves only when a test moves it, so timer behaviour (retransmits, expiry, leases) is deterministic.</summary>
public sealed class VirtualClock : INetworkClock
{
    public const ulong NanosecondsPerMillisecond = 1_000_000;
    public const ulong NanosecondsPerSecond = 1_000_000_000;

    public VirtualClock(ulong start = NanosecondsPerSecond) => NowNanoseconds = start;

    public ulong NowNanoseconds { get; private set; }

    public void Advance(ulong nanoseconds) => NowNanoseconds += nanoseconds;

    public void AdvanceMilliseconds(ulong milliseconds) => Advance(milliseconds * NanosecondsPerMillisecond);

    public void AdvanceSeconds(ulong seconds) => Advance(seconds * NanosecondsPerSecond);

    /// <summary>Moves to <paramref name="time"/> if it is later; time never goes back.</summary>
    public void AdvanceTo(ulong time)
    {
        if (time > NowNanoseconds)
            NowNanoseconds = time;
    }
}
