namespace Sharprun.Kernel.Pal;

/// <summary>
/// The state behind a LowLevelMonitor handle, allocated from the kernel heap (zeroed, so a new monitor is free).
/// No waiter list yet: there are no threads to wait.
/// </summary>
public struct LowLevelMonitor
{
    public bool IsHeld;
}
