namespace Sharprun.Hypercall.Devices.Block;

/// <summary>
/// Raised by every disk's interrupt (requests completed), taken by the kernel at every interrupt exit through
/// Hypercalls.TakeBlockEvents. A class of its own because that call is in every image: reading the flag here pulls
/// in neither the driver nor <see cref="BlockDevices"/>' statics in images without disks, and never enumerates PCI.
/// Touched only with interrupts disabled.
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
