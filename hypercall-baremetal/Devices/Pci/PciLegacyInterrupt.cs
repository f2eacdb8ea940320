namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// A function's INTx pin and the ISA line the firmware routed it to (PCI 3.0 §6.2.4: Interrupt Pin at 0x3D, 1–4 for
/// INTA#–INTD#, 0 for none; Interrupt Line at 0x3C, written by the BIOS, 0xFF when unknown). Used only when the
/// function has no MSI-X.
/// </summary>
internal static class PciLegacyInterrupt
{
    private const int LineOffset = 0x3C;
    private const int PinOffset = 0x3D;
    private const int IsaLines = 16;

    /// <summary>The ISA line of the function's INTx; false when it has no pin or the firmware left it unrouted.</summary>
    public static bool TryGetLine(PciAddress function, out int line)
    {
        line = PciConfigSpace.Read8(function, LineOffset);
        byte pin = PciConfigSpace.Read8(function, PinOffset);
        return pin is >= 1 and <= 4 && line is > 0 and < IsaLines;
    }

    /// <summary>Lets the function assert INTx (clears the command register's Interrupt Disable bit).</summary>
    public static void Enable(PciAddress function)
    {
        ushort command = PciConfigSpace.Read16(function, PciBars.CommandOffset);
        PciConfigSpace.Write16(function, PciBars.CommandOffset, (ushort)(command & ~PciBars.CommandInterruptDisable));
    }
}
