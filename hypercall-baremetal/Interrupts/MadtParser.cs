using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// Reads the interrupt routing out of the MADT (signature "APIC", ACPI 6.5 §5.2.12): the I/O APIC serving GSI 0
/// (else the first one listed) and the interrupt source overrides of ISA lines. Pure, like <see cref="AcpiTables"/>.
/// </summary>
internal static class MadtParser
{
    private const int EntriesOffset = AcpiTables.HeaderSize + 8;
    private const byte IoApicEntry = 1;
    private const byte SourceOverrideEntry = 2;
    private const int IoApicEntryLength = 12;
    private const int SourceOverrideEntryLength = 10;
    private const byte IsaBus = 0;

    /// <summary>MPS INTI flags: polarity in bits 0–1, trigger mode in bits 2–3; 0 means "as the bus does".</summary>
    private const int ConformsToBus = 0;
    private const int ActiveHigh = 1;
    private const int ActiveLow = 3;
    private const int EdgeTriggered = 1;
    private const int LevelTriggered = 3;

    /// <summary>
    /// False when the table (checked with <see cref="AcpiTables.IsValid"/> first) lists no I/O APIC, an entry is
    /// cut short or runs past the end, or an override's flags use the reserved encodings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> madt, out InterruptRouting routing)
    {
        routing = default;
        if (madt.Length < EntriesOffset)
            return false;
        bool found = false;
        ulong address = 0;
        uint firstInterrupt = 0;
        for (int offset = EntriesOffset; offset < madt.Length;)
        {
            if (madt.Length - offset < 2 || madt[offset + 1] < 2 || madt[offset + 1] > madt.Length - offset)
                return false;
            var entry = madt.Slice(offset, madt[offset + 1]);
            offset += entry.Length;
            if (entry[0] != IoApicEntry)
                continue;
            if (entry.Length < IoApicEntryLength)
                return false;
            uint entryFirst = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            if (!found || (firstInterrupt != 0 && entryFirst == 0))
            {
                address = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
                firstInterrupt = entryFirst;
                found = true;
            }
        }
        if (!found)
            return false;

        routing = InterruptRouting.Identity(address, firstInterrupt);
        for (int offset = EntriesOffset; offset < madt.Length; offset += madt[offset + 1])
        {
            var entry = madt.Slice(offset, madt[offset + 1]);
            if (entry[0] != SourceOverrideEntry)
                continue;
            if (entry.Length < SourceOverrideEntryLength)
                return false;
            byte bus = entry[2];
            byte source = entry[3];
            uint globalInterrupt = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            int flags = BinaryPrimitives.ReadUInt16LittleEndian(entry[8..]);
            int polarity = flags & 3;
            int trigger = (flags >> 2) & 3;
            if (polarity is not (ConformsToBus or ActiveHigh or ActiveLow) || trigger is not (ConformsToBus or EdgeTriggered or LevelTriggered))
                return false;
            if (bus != IsaBus || source >= InterruptVectors.IsaLines)
                continue;
            routing.Isa[source] = new IsaRoute(globalInterrupt, polarity == ActiveLow, trigger == LevelTriggered);
        }
        return true;
    }
}
