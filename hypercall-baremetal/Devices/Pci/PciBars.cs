
namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Reads a type-0 function's six BARs with their sizes: each is written with all ones and read back while the
/// function's address decoding is off (so the probe address never decodes), then restored. Only before the function's
/// driver starts it (during enumeration, interrupts disabled).
/// </summary>
internal static unsafe class PciBars
{
    private const int FirstBarOffset = 0x10;
    public const int CommandOffset = 0x04;
    public const ushort CommandIoSpace = 1 << 0;
    public const ushort CommandMemorySpace = 1 << 1;
    public const ushort CommandBusMaster = 1 << 2;
    public const ushort CommandInterruptDisable = 1 << 10;

    /// <summary>Fills <paramref name="bars"/> (<see cref="PciBar.Count"/> entries); the upper half of a 64-bit BAR reads as absent.</summary>
    public static void Read(PciAddress function, PciBar* bars)
    {
        ushort command = PciConfigSpace.Read16(function, CommandOffset);
        PciConfigSpace.Write16(function, CommandOffset, (ushort)(command & ~(CommandIoSpace | CommandMemorySpace)));
        for (int index = 0; index < PciBar.Count; index++)
        {
            int offset = FirstBarOffset + index * 4;
            uint value = Sample(function, offset, out uint sizing);
            uint high = 0, highSizing = 0;
            bool wide = PciBar.Declares64Bit(value) && index + 1 < PciBar.Count;
            if (wide)
                high = Sample(function, offset + 4, out highSizing);
            bars[index] = PciBar.Decode(value, sizing, high, highSizing);
            if (wide)
                bars[++index] = default;
        }
        PciConfigSpace.Write16(function, CommandOffset, command);
    }

    private static uint Sample(PciAddress function, int offset, out uint sizing)
    {
        uint value = PciConfigSpace.Read32(function, offset);
        PciConfigSpace.Write32(function, offset, uint.MaxValue);
        sizing = PciConfigSpace.Read32(function, offset);
        PciConfigSpace.Write32(function, offset, value);
        return value;
    }
}
