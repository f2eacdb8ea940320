namespace Sharprun.Hypercall.Devices.Net;

/// <summary>
/// Raised by every NIC's interrupt (frames received, transmit slots freed, link changed), taken by the kernel at
/// interrupt exits through Hypercalls.TakeNetworkEvents. A class of its own so that taking it at interrupt exit
/// never touches <see cref="NetworkInterfaces"/>' statics (four interfaces' state, about 5 KiB) or enumerates PCI.
/// Touched only with interrupts disabled.
/// </summary>
internal static class NetworkEventFlag
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
