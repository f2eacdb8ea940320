namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// Raised by every disk's interrupt (requests completed), taken by the kernel at interrupt exits through
/// Hypercalls.TakeBlockEvents. A class of its own so that taking it at interrupt exit never touches
/// <see cref="BlockDevices"/>' statics or enumerates PCI. Touched only with interrupts disabled.
/// </summary>
internal static class BlockEventFlag
{
    private static bool s_raised;

    public static void Raise() => s_raised = true;

    /// <summary>Whether it was raised since the last call; lowers it.</summary>
    public static bool Take()
    {
        bool raised = s_raised;
        s_raised = false;
        return raised;
    }
}
