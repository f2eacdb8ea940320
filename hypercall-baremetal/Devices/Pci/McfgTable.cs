using System;
using System.Buffers.Binary;
using Sharprun.Hypercall.Interrupts;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// The ACPI MCFG table (PCI Firmware 3.2 §4.1.2): where each PCI segment's memory-mapped configuration space
/// (ECAM) lies. Only segment 0 is used. Pure: the firmware's table is outside input, so host tests give it hostile bytes.
/// </summary>
internal static class McfgTable
{
    public static ReadOnlySpan<byte> Signature => "MCFG"u8;

    private const int EntriesOffset = AcpiTables.HeaderSize + 8;
    private const int EntryLength = 16;

    /// <summary>ECAM windows are aligned to the 1 MiB one bus occupies.</summary>
    private const ulong BusWindow = 1 << 20;

    /// <summary>
    /// The ECAM base of segment 0 for the window that starts at or below bus 0 (as if the window began at bus 0)
    /// and its last bus. False when no such entry exists, or the entry is malformed: a base of 0 or not
    /// 1 MiB-aligned, an end bus below the start bus, or a window that does not cover bus 0.
    /// </summary>
    public static bool TryFindSegmentZero(ReadOnlySpan<byte> table, out ulong busZeroBase, out byte lastBus)
    {
        busZeroBase = 0;
        lastBus = 0;
        if (table.Length < EntriesOffset)
            return false;
        for (int offset = EntriesOffset; offset + EntryLength <= table.Length; offset += EntryLength)
        {
            var entry = table.Slice(offset, EntryLength);
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(entry);
            ushort segment = BinaryPrimitives.ReadUInt16LittleEndian(entry[8..]);
            byte startBus = entry[10];
            byte endBus = entry[11];
            if (segment != 0 || startBus != 0)
                continue;
            if (address == 0 || address % BusWindow != 0 || endBus < startBus)
                return false;
            busZeroBase = address;
            lastBus = endBus;
            return true;
        }
        return false;
    }
}
