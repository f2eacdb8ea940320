using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The checks every ACPI table read must pass (ACPI 6.5 §5.2): the RSDP and the root table it names (RSDT with
/// 32-bit or XSDT with 64-bit table addresses), each table's signature, declared length and checksum. Pure: it
/// works on bytes, so host tests feed it hostile input; the firmware's tables are outside input like any other.
/// </summary>
internal static class AcpiTables
{
    public const int RsdpSize = 20;
    public const int ExtendedRsdpSize = 36;
    public const int HeaderSize = 36;

    /// <summary>Longer tables are taken as corrupt (a large machine's MADT is a few KiB).</summary>
    public const int MaxTableLength = 1 << 20;

    public static ReadOnlySpan<byte> RsdpSignature => "RSD PTR "u8;
    public static ReadOnlySpan<byte> RsdtSignature => "RSDT"u8;
    public static ReadOnlySpan<byte> XsdtSignature => "XSDT"u8;
    public static ReadOnlySpan<byte> MadtSignature => "APIC"u8;

    /// <summary>
    /// The root table an RSDP names: the XSDT when the revision is 2 or more, the extended checksum holds and its
    /// address is set, otherwise the RSDT. False when the signature or the first checksum is wrong, or no address is set.
    /// </summary>
    public static bool TryReadRsdp(ReadOnlySpan<byte> rsdp, out ulong rootAddress, out bool extended)
    {
        rootAddress = 0;
        extended = false;
        if (rsdp.Length < RsdpSize || !rsdp[..8].SequenceEqual(RsdpSignature) || !SumsToZero(rsdp[..RsdpSize]))
            return false;
        if (rsdp[15] >= 2 && rsdp.Length >= ExtendedRsdpSize)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(rsdp[20..]);
            ulong xsdt = BinaryPrimitives.ReadUInt64LittleEndian(rsdp[24..]);
            if (length >= ExtendedRsdpSize && length <= (uint)rsdp.Length && SumsToZero(rsdp[..(int)length]) && xsdt != 0)
            {
                rootAddress = xsdt;
                extended = true;
                return true;
            }
        }
        rootAddress = BinaryPrimitives.ReadUInt32LittleEndian(rsdp[16..]);
        return rootAddress != 0;
    }

    /// <summary>The length a table's header declares; 0 when the header is cut short or the length is impossible.</summary>
    public static int DeclaredLength(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderSize)
            return 0;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return length is < HeaderSize or > MaxTableLength ? 0 : (int)length;
    }

    /// <summary>True when <paramref name="table"/> is exactly as long as it declares, has the signature and sums to zero.</summary>
    public static bool IsValid(ReadOnlySpan<byte> table, ReadOnlySpan<byte> signature) =>
        DeclaredLength(table) == table.Length && table[..4].SequenceEqual(signature) && SumsToZero(table);

    /// <summary>How many table addresses a valid RSDT (4 bytes each) or XSDT (8 bytes each) holds.</summary>
    public static int RootEntryCount(ReadOnlySpan<byte> root, bool extended) =>
        root.Length < HeaderSize ? 0 : (root.Length - HeaderSize) / (extended ? 8 : 4);

    public static ulong RootEntry(ReadOnlySpan<byte> root, bool extended, int index) => extended
        ? BinaryPrimitives.ReadUInt64LittleEndian(root[(HeaderSize + index * 8)..])
        : BinaryPrimitives.ReadUInt32LittleEndian(root[(HeaderSize + index * 4)..]);

    private static bool SumsToZero(ReadOnlySpan<byte> bytes)
    {
        byte sum = 0;
        foreach (byte b in bytes)
            sum += b;
        return sum == 0;
    }
}
