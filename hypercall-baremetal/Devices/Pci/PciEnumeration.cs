using Sharprun.Hypercall.Devices.Net;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Finds the machine's PCI devices at boot and starts the drivers the platform has (virtio-net, virtio-rng):
/// bus 0 and the buses behind PCI-to-PCI bridges on it (recursively, each bus once), never a blind scan of all
/// 256 buses, so a machine without devices boots as fast as before. Configuration space is ECAM when the MCFG
/// table has a window for segment 0, else ports 0xCF8/0xCFC. Beneath the runtime: no allocation.
/// </summary>
internal static unsafe class PciEnumeration
{
    private const ushort NoDevice = 0xFFFF;
    private const ushort VirtioVendor = 0x1AF4;

    /// <summary>Transitional virtio devices (0x1000–0x103F) name their type in the subsystem ID; modern ones are 0x1040 + type.</summary>
    private const ushort FirstTransitional = 0x1000;
    private const ushort FirstModern = 0x1040;
    private const ushort LastModern = 0x107F;
    private const int VirtioNet = 1;
    private const int VirtioEntropy = 4;

    private const int VendorOffset = 0x00;
    private const int DeviceOffset = 0x02;
    private const int HeaderTypeOffset = 0x0E;
    private const int SecondaryBusOffset = 0x19;
    private const int SubsystemOffset = 0x2E;
    private const byte MultiFunction = 0x80;
    private const byte BridgeHeader = 0x01;

    /// <summary>Bridges nest no deeper than this; a deeper (or looping) topology is firmware gone wrong.</summary>
    private const int MaxBridgeDepth = 8;

    public static void Run()
    {
        if (AcpiDiscovery.TryFindTable(McfgTable.Signature, out var mcfg)
            && McfgTable.TryFindSegmentZero(mcfg, out ulong ecam, out byte lastBus)
            && !PciConfigSpace.UseEcam(ecam, lastBus))
            SerialConsole.WriteKernel("pci: the MCFG window cannot be mapped; using ports 0xCF8/0xCFC\n");
        ulong* visited = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
            visited[i] = 0;
        ScanBus(0, 0, visited);
    }

    private static void ScanBus(int bus, int depth, ulong* visited)
    {
        if ((visited[bus >> 6] & (1UL << (bus & 63))) != 0)
            return;
        visited[bus >> 6] |= 1UL << (bus & 63);
        for (int device = 0; device < 32; device++)
        {
            var first = new PciAddress(bus, device, 0);
            if (PciConfigSpace.Read16(first, VendorOffset) == NoDevice)
                continue;
            int functions = (PciConfigSpace.Read8(first, HeaderTypeOffset) & MultiFunction) != 0 ? 8 : 1;
            for (int function = 0; function < functions; function++)
            {
                var address = new PciAddress(bus, device, function);
                ushort vendor = PciConfigSpace.Read16(address, VendorOffset);
                if (vendor == NoDevice)
                    continue;
                byte headerType = (byte)(PciConfigSpace.Read8(address, HeaderTypeOffset) & ~MultiFunction);
                if (headerType == BridgeHeader)
                {
                    int secondary = PciConfigSpace.Read8(address, SecondaryBusOffset);
                    if (secondary > bus && depth < MaxBridgeDepth)
                        ScanBus(secondary, depth + 1, visited);
                }
                else if (headerType == 0 && vendor == VirtioVendor)
                    Probe(address);
            }
        }
    }

    private static void Probe(PciAddress function)
    {
        ushort device = PciConfigSpace.Read16(function, DeviceOffset);
        if (device < FirstTransitional || device > LastModern)
            return;
        int type = device >= FirstModern ? device - FirstModern : PciConfigSpace.Read16(function, SubsystemOffset);
        if (type == VirtioNet)
            NetworkInterfaces.Add(function);
        else if (type == VirtioEntropy)
            VirtioEntropySource.Start(function);
    }
}
