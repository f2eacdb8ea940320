using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices.Block;
using Sharprun.Hypercall.Devices.Net;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Finds the machine's PCI devices and starts the drivers the platform has (virtio-net, virtio-blk, virtio-rng): bus 0 and the
/// buses behind PCI-to-PCI bridges on it (recursively, each bus once), never a blind scan of all 256 buses.
/// Configuration space is ECAM when the MCFG table has a window for segment 0, else ports 0xCF8/0xCFC.
/// Not at boot: only the network and block members of the hypercall interface call <see cref="EnsureRun"/>, so
/// ILC, which compiles only what is reachable, leaves PCI and the drivers out of images that use neither.
/// Beneath the runtime: no allocation; device memory comes from the kernel (<see cref="DevicePages"/>).
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
    private const int VirtioBlock = 2;
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

    private static bool s_done;

    /// <summary>
    /// Enumerates once, on the first call; later calls return at once. Called from a kernel thread (it takes
    /// pages from the kernel's allocator), never from an interrupt handler. It runs with interrupts disabled, as it
    /// did at boot: on the one CPU no other thread can then enumerate too or see half-started interfaces, and the
    /// page-table edits for device registers cannot meet a thread's <see cref="Cpu.PageTables.Protect"/>. That
    /// holds off the timer once, for the scan and the devices' start: about 1 ms without devices and 10–25 ms with a
    /// virtio-net and a virtio-rng under TCG (the same work, equally with interrupts disabled, as the boot did).
    /// </summary>
    public static void EnsureRun()
    {
        bool enabled = ThreadContext.DisableInterrupts();
        if (!s_done)
        {
            s_done = true;
            Run();
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
    }

    private static void Run()
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
        else if (type == VirtioBlock)
            BlockDevices.Add(function);
        else if (type == VirtioEntropy)
            VirtioEntropySource.Start(function);
    }
}
