using Sharprun.Hypercall.Devices.Pci;

namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>
/// How a virtio device's interrupts reach the CPU: an MSI-X table entry (its table mapped from the BAR the capability
/// names), or, for a device without MSI-X, the INTx line the firmware routed, read through the transport's ISR
/// status. Found before the device is reset, enabled once its queues are about to be set up; shared by the drivers
/// so each starts its device the same way. Beneath the runtime: no allocation.
/// </summary>
internal unsafe struct VirtioInterruptRoute
{
    private byte* _table;
    private MsixCapability _msix;

    /// <summary>The INTx line the caller claims, or -1 with MSI-X.</summary>
    public int LegacyLine { get; private set; }

    /// <summary>
    /// With <paramref name="messages"/>, the device's MSI-X table; without, its INTx line. False, with the reason,
    /// when the device has not what is asked.
    /// </summary>
    public static bool TryFind(ref VirtioPciTransport transport, PciAddress function, bool messages, out VirtioInterruptRoute route, out string? failure)
    {
        route = default;
        route.LegacyLine = -1;
        failure = null;
        if (messages)
        {
            if (!MsixTable.TryFindCapability(function, out route._msix))
            {
                failure = "no MSI-X capability";
                return false;
            }
            route._table = transport.MapBar(route._msix.TableBar, route._msix.TableOffset, (ulong)route._msix.TableSize * MsixCapability.EntrySize);
            if (route._table == null)
            {
                failure = "the MSI-X table lies outside its BAR";
                return false;
            }
            return true;
        }
        if (!PciLegacyInterrupt.TryGetLine(function, out int line) || !transport.HasInterruptStatus)
        {
            failure = "no MSI-X, and no INTx line routed by the firmware (or no ISR status structure)";
            return false;
        }
        route.LegacyLine = line;
        return true;
    }

    /// <summary>
    /// Turns the route on: MSI-X entry <paramref name="entry"/> sends <paramref name="vector"/>, or INTx is
    /// unmasked. The entry the device's queues name: <paramref name="entry"/>, or <see cref="VirtioPciTransport.NoVector"/> on INTx.
    /// </summary>
    public readonly ushort Enable(PciAddress function, ushort entry, int vector)
    {
        if (_table == null)
        {
            PciLegacyInterrupt.Enable(function);
            return VirtioPciTransport.NoVector;
        }
        MsixTable.Route(_table, entry, vector);
        MsixTable.EnableMessages(function, _msix);
        return entry;
    }
}
