namespace Sharprun.Hypercall.Devices.Net;

/// <summary>
/// Raised by every NIC's interrupt (frames received, transmit slots freed, link changed), taken by the kernel at
/// every interrupt exit through Hypercalls.TakeNetworkEvents. A class of its own because that call is in every
/// image: reading the flag here pulls in neither the drivers nor <see cref="NetworkInterfaces"/>' statics (four
/// interfaces' state, about 5 KiB) in images without networking. Touched only with interrupts disabled.
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
