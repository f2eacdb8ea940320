namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>A PCI function's bus, device (0–31) and function (0–7) number in segment 0.</summary>
internal readonly struct PciAddress
{
    public PciAddress(int bus, int device, int function)
    {
        Bus = (byte)bus;
        Device = (byte)(device & 31);
        Function = (byte)(function & 7);
    }

    public byte Bus { get; }

    public byte Device { get; }

    public byte Function { get; }
}
