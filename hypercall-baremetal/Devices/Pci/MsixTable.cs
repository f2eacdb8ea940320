using System.Threading;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Programs a function's MSI-X table (mapped by the caller): entries send fixed-delivery, edge-triggered messages
/// to this CPU's local APIC at a vector; MSI-X is then enabled, which also stops the function's INTx.
/// </summary>
internal static unsafe class MsixTable
{
    private const uint LocalApicMessageAddress = 0xFEE0_0000;
    private const ushort Enable = 1 << 15;
    private const ushort FunctionMask = 1 << 14;
    private const uint VectorMasked = 1;

    /// <summary>Reads <paramref name="function"/>'s MSI-X capability from its configuration space; false when it has none.</summary>
    public static bool TryFindCapability(PciAddress function, out MsixCapability capability)
    {
        byte* header = stackalloc byte[PciCapabilityList.ConfigurationSize];
        PciConfigSpace.ReadHeader(function, header);
        return MsixCapability.TryFind(new System.ReadOnlySpan<byte>(header, PciCapabilityList.ConfigurationSize), out capability);
    }

    /// <summary>Points table entry <paramref name="entry"/> (below the table size) at <paramref name="vector"/> and unmasks it.</summary>
    public static void Route(byte* table, int entry, int vector)
    {
        uint* registers = (uint*)(table + entry * MsixCapability.EntrySize);
        Volatile.Write(ref registers[3], VectorMasked);
        Volatile.Write(ref registers[0], LocalApicMessageAddress | (uint)LocalApic.Id << 12);
        Volatile.Write(ref registers[1], 0);
        Volatile.Write(ref registers[2], (uint)vector);
        Volatile.Write(ref registers[3], 0);
    }

    public static void EnableMessages(PciAddress function, in MsixCapability capability)
    {
        int control = capability.Offset + 2;
        ushort value = PciConfigSpace.Read16(function, control);
        PciConfigSpace.Write16(function, control, (ushort)((value | Enable) & ~FunctionMask));
    }
}
