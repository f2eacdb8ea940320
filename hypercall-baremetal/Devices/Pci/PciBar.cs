namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// One decoded base address register (PCI 3.0 §6.2.5.1): its address, its size from the sizing read-back (all
/// ones written), and its kind. A BAR whose read-back shows no writable address bits is not implemented (size 0).
/// </summary>
internal readonly struct PciBar
{
    public const int Count = 6;

    private const uint IoSpace = 1;
    private const uint TypeMask = 0b110;
    private const uint Type64 = 0b100;
    private const uint Prefetchable = 0b1000;
    private const uint IoAddressMask = ~0b11u;
    private const uint MemoryAddressMask = ~0b1111u;

    public PciBar(ulong address, ulong size, bool isIo, bool is64Bit, bool isPrefetchable)
    {
        Address = address;
        Size = size;
        IsIo = isIo;
        Is64Bit = is64Bit;
        IsPrefetchable = isPrefetchable;
    }

    public ulong Address { get; }

    /// <summary>0 for an unimplemented BAR.</summary>
    public ulong Size { get; }

    public bool IsIo { get; }

    /// <summary>The BAR takes this register and the next (which holds the upper 32 bits).</summary>
    public bool Is64Bit { get; }

    public bool IsPrefetchable { get; }

    public bool IsPresent => Size != 0;

    /// <summary>Whether the register's low bits declare a 64-bit memory BAR (its upper half is in the next register).</summary>
    public static bool Declares64Bit(uint value) => (value & IoSpace) == 0 && (value & TypeMask) == Type64;

    /// <summary>
    /// Decodes a BAR from its value and sizing read-back (<paramref name="high"/>/<paramref name="highSizing"/>
    /// are the next register's for a 64-bit BAR, else ignored). A memory type the spec reserves, a read-back whose
    /// writable bits are not one contiguous run from the top (no power-of-two size), an address the firmware left
    /// unassigned (0) or one not aligned to the size give an absent BAR.
    /// </summary>
    public static PciBar Decode(uint value, uint sizing, uint high, uint highSizing)
    {
        if ((value & IoSpace) != 0)
        {
            // I/O BARs decode 16 (x86) or 32 address bits; the upper 16 of the read-back may be zero.
            uint mask = sizing & IoAddressMask;
            if ((mask & 0xFFFF) == 0)
                return default;
            uint size = ~(mask | 0xFFFF_0000) + 1;
            return IsPowerOfTwo(size) && (value & IoAddressMask) != 0 ? new PciBar(value & IoAddressMask, size, isIo: true, is64Bit: false, isPrefetchable: false) : default;
        }
        uint type = value & TypeMask;
        if (type != 0 && type != Type64)
            return default;
        bool is64 = type == Type64;
        ulong address = (value & MemoryAddressMask) | (is64 ? (ulong)high << 32 : 0);
        ulong writable = (sizing & MemoryAddressMask) | (is64 ? (ulong)highSizing << 32 : 0);
        if (writable == 0)
            return default;
        ulong memorySize = is64 ? ~writable + 1 : (uint)~(uint)writable + 1;
        if (!IsPowerOfTwo(memorySize) || address == 0 || address % memorySize != 0)
            return default;
        return new PciBar(address, memorySize, isIo: false, is64, (value & Prefetchable) != 0);
    }

    private static bool IsPowerOfTwo(ulong value) => value != 0 && (value & (value - 1)) == 0;
}
