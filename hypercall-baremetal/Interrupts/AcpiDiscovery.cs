using System;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// Finds ACPI tables (the MADT, the MCFG) in physical memory: the RSDP in the BIOS read-only area (0xE0000–0xFFFFF, on a 16-byte
/// boundary, where SeaBIOS puts it), then the root table and the tables it lists. Every table must lie in the
/// identity-mapped first 4 GiB, outside page 0, and pass <see cref="AcpiTables"/>' checks.
/// </summary>
internal static unsafe class AcpiDiscovery
{
    private const ulong BiosAreaStart = 0xE0000;
    private const ulong BiosAreaEnd = 0x100000;
    private const ulong ReadableStart = 0x1000;
    private const ulong ReadableEnd = 4UL << 30;

    /// <summary>The interrupt routing the firmware describes; false when it describes none we can read.</summary>
    public static bool TryReadRouting(out InterruptRouting routing)
    {
        routing = default;
        return TryFindTable(AcpiTables.MadtSignature, out var madt) && MadtParser.TryParse(madt, out routing);
    }

    /// <summary>The first valid table with <paramref name="signature"/> the root table lists (e.g. "MCFG"); false when there is none.</summary>
    public static bool TryFindTable(ReadOnlySpan<byte> signature, out ReadOnlySpan<byte> table)
    {
        table = default;
        return TryFindRoot(out ulong root, out bool extended)
            && TryMap(root, extended ? AcpiTables.XsdtSignature : AcpiTables.RsdtSignature, out var rootTable)
            && TryFindListed(rootTable, extended, signature, out table);
    }

    private static bool TryFindRoot(out ulong root, out bool extended)
    {
        for (ulong address = BiosAreaStart; address + AcpiTables.ExtendedRsdpSize <= BiosAreaEnd; address += 16)
        {
            var candidate = new ReadOnlySpan<byte>((void*)address, AcpiTables.ExtendedRsdpSize);
            if (AcpiTables.TryReadRsdp(candidate, out root, out extended))
                return true;
        }
        root = 0;
        extended = false;
        return false;
    }

    private static bool TryFindListed(ReadOnlySpan<byte> root, bool extended, ReadOnlySpan<byte> signature, out ReadOnlySpan<byte> table)
    {
        int count = AcpiTables.RootEntryCount(root, extended);
        for (int i = 0; i < count; i++)
        {
            if (TryMap(AcpiTables.RootEntry(root, extended, i), signature, out table))
                return true;
        }
        table = default;
        return false;
    }

    /// <summary>The table at <paramref name="address"/> when it is readable and valid with <paramref name="signature"/>.</summary>
    private static bool TryMap(ulong address, ReadOnlySpan<byte> signature, out ReadOnlySpan<byte> table)
    {
        table = default;
        if (address < ReadableStart || address > ReadableEnd - AcpiTables.HeaderSize)
            return false;
        var header = new ReadOnlySpan<byte>((void*)address, AcpiTables.HeaderSize);
        if (!header[..4].SequenceEqual(signature))
            return false;
        int length = AcpiTables.DeclaredLength(header);
        if (length == 0 || address > ReadableEnd - (ulong)length)
            return false;
        table = new ReadOnlySpan<byte>((void*)address, length);
        return AcpiTables.IsValid(table, signature);
    }
}
