using Sharprun.Hypercall;
using Sharprun.Net.Links;

namespace Sharprun.Net.Pal.Stack;

/// <summary>The stack's timers on the platform's monotonic clock.</summary>
internal sealed class KernelNetworkClock : INetworkClock
{
    public ulong NowNanoseconds => Hypercalls.MonotonicNanoseconds();
}
