using System;
using System.Buffers.Binary;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Walks a function's capability list (PCI 3.0 §6.7) over a copy of its 256-byte configuration header. Pure, and
/// safe against hostile lists: a pointer into the standard header or past the end, or a chain longer than the
/// space can hold (a loop), ends the walk with <see cref="IsMalformed"/> set.
/// </summary>
internal ref struct PciCapabilityList
{
    public const int ConfigurationSize = 256;
    public const int StatusOffset = 0x06;
    public const int PointerOffset = 0x34;
    public const ushort StatusHasCapabilities = 1 << 4;

    /// <summary>The first byte after the standard header, where capabilities may start.</summary>
    private const int FirstCapability = 0x40;

    /// <summary>As many 4-byte capabilities as fit after the header: a longer chain has looped.</summary>
    private const int MaxCapabilities = (ConfigurationSize - FirstCapability) / 4;

    private readonly ReadOnlySpan<byte> _configuration;
    private int _next;
    private int _visited;

    public PciCapabilityList(ReadOnlySpan<byte> configuration)
    {
        _configuration = configuration;
        bool present = configuration.Length == ConfigurationSize
            && (BinaryPrimitives.ReadUInt16LittleEndian(configuration[StatusOffset..]) & StatusHasCapabilities) != 0;
        _next = present ? configuration[PointerOffset] & 0xFC : 0;
    }

    public bool IsMalformed { get; private set; }

    /// <summary>The next capability's offset (its ID at offset, its next pointer at offset + 1); false at the end.</summary>
    public bool MoveNext(out int offset)
    {
        offset = 0;
        if (_next == 0 || IsMalformed)
            return false;
        if (_next < FirstCapability || _next > ConfigurationSize - 4 || ++_visited > MaxCapabilities)
        {
            IsMalformed = true;
            return false;
        }
        offset = _next;
        _next = _configuration[offset + 1] & 0xFC;
        return true;
    }

    /// <summary>The first capability with <paramref name="id"/>; 0 when there is none (or the list is malformed before it).</summary>
    public static int Find(ReadOnlySpan<byte> configuration, byte id)
    {
        var list = new PciCapabilityList(configuration);
        while (list.MoveNext(out int offset))
        {
            if (configuration[offset] == id)
                return offset;
        }
        return 0;
    }
}
