namespace Sharprun.Net.Links;

/// <summary>Monotonic time for the stack's timers: the kernel clock in an image, a virtual clock in hosted tests.</summary>
public interface INetworkClock
{
    /// <summary>Nanoseconds since an arbitrary start; never goes back.</summary>
    ulong NowNanoseconds { get; }
}
