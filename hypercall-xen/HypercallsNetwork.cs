namespace Sharprun.Hypercall;

/// <summary>
/// Network interfaces on Xen: netfront is not written yet, so a Xen guest has none. The members answer as
/// bare metal's do for an interface number out of range (no MAC written, MTU 0, link down, nothing sent or
/// received), which every number is while the count is 0.
/// </summary>
public static unsafe partial class Hypercalls
{
    /// <summary>Number of network interfaces: always 0 until netfront exists (bare metal finds its NICs on the first call).</summary>
    public static int NetworkInterfaceCount => 0;

    /// <summary>Writes the interface's 6-byte MAC address (no interface exists, so nothing is written).</summary>
    public static void GetNetworkMac(int nic, byte* mac)
    {
    }

    /// <summary>The largest IP packet, excluding the Ethernet header: 0, as for any interface that does not exist.</summary>
    public static int GetNetworkMtu(int nic) => 0;

    public static bool IsNetworkLinkUp(int nic) => false;

    public static bool NetworkOffloadsTransmitChecksum(int nic) => false;

    /// <summary>False: there is no interface to send on.</summary>
    public static bool NetworkTransmit(int nic, byte* frame, int length, int checksumStart, int checksumOffset) => false;

    /// <summary>0: nothing is ever received without an interface.</summary>
    public static int NetworkReceive(int nic, byte* buffer, int capacity, bool* checksumVerified)
    {
        if (checksumVerified != null)
            *checksumVerified = false;
        return 0;
    }

    /// <summary>False: no interface interrupts.</summary>
    public static bool TakeNetworkEvents() => false;
}
