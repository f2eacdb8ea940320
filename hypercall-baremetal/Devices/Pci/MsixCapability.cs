using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// A function's MSI-X capability (PCI 3.0 §6.8.2): how many table entries it has and where the table lies (a
/// BAR and an offset). Pure: decoded from a copy of the header, checked against the BAR before use.
/// </summary>
internal readonly struct MsixCapability
{
    public const byte Id = 0x11;
    public const int EntrySize = 16;

    private const ushort TableSizeMask = 0x7FF;

    public MsixCapability(int offset, int tableSize, byte tableBar, uint tableOffset)
    {
        Offset = offset;
        TableSize = tableSize;
        TableBar = tableBar;
        TableOffset = tableOffset;
    }

    /// <summary>Where the capability lies in configuration space (its message control register is at +2).</summary>
    public int Offset { get; }

    public int TableSize { get; }

    public byte TableBar { get; }

    public uint TableOffset { get; }

    /// <summary>False when the function has no MSI-X capability, or it names a BAR beyond 5.</summary>
    public static bool TryFind(ReadOnlySpan<byte> header, out MsixCapability capability)
    {
        capability = default;
        int offset = PciCapabilityList.Find(header, Id);
        if (offset == 0 || offset + 12 > header.Length)
            return false;
        ushort control = BinaryPrimitives.ReadUInt16LittleEndian(header[(offset + 2)..]);
        uint table = BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 4)..]);
        byte bar = (byte)(table & 7);
        if (bar >= PciBar.Count)
            return false;
        capability = new MsixCapability(offset, (control & TableSizeMask) + 1, bar, table & ~7u);
        return true;
    }

    /// <summary>Whether the table lies inside a BAR of <paramref name="barSize"/> bytes.</summary>
    public bool FitsIn(ulong barSize) => (ulong)TableOffset + (ulong)TableSize * EntrySize <= barSize;
}
