using System.Threading;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Devices.Pci;

/// <summary>
/// Access to PCI configuration space: memory-mapped (ECAM) when the ACPI MCFG table gives a window for segment 0
/// (QEMU's q35), otherwise configuration mechanism #1 through ports 0xCF8/0xCFC (QEMU's pc, the launcher's
/// machine). Offsets are within a function's first 256 bytes. Beneath the runtime, from enumeration and the drivers.
/// </summary>
internal static unsafe class PciConfigSpace
{
    private const ushort AddressPort = 0xCF8;
    private const ushort DataPort = 0xCFC;
    private const uint Enable = 1u << 31;

    private static byte* s_ecam;
    private static int s_ecamLastBus;

    /// <summary>Uses the ECAM window at <paramref name="busZeroBase"/> for buses up to <paramref name="lastBus"/>; false when it cannot be mapped.</summary>
    public static bool UseEcam(ulong busZeroBase, byte lastBus)
    {
        ulong length = ((ulong)lastBus + 1) << 20;
        if (!DeviceRegisters.Map(busZeroBase, length))
            return false;
        s_ecam = (byte*)busZeroBase;
        s_ecamLastBus = lastBus;
        return true;
    }

    public static bool UsesEcam => s_ecam != null;

    public static uint Read32(PciAddress function, int offset)
    {
        if (Ecam(function, offset) is var register && register != null)
            return Volatile.Read(ref *(uint*)register);
        Instructions.OutDword(AddressPort, PortAddress(function, offset));
        return Instructions.InDword(DataPort);
    }

    public static ushort Read16(PciAddress function, int offset) => (ushort)(Read32(function, offset & ~3) >> (8 * (offset & 2)));

    public static byte Read8(PciAddress function, int offset) => (byte)(Read32(function, offset & ~3) >> (8 * (offset & 3)));

    public static void Write32(PciAddress function, int offset, uint value)
    {
        if (Ecam(function, offset) is var register && register != null)
        {
            Volatile.Write(ref *(uint*)register, value);
            return;
        }
        Instructions.OutDword(AddressPort, PortAddress(function, offset));
        Instructions.OutDword(DataPort, value);
    }

    /// <summary>A 16-bit write, never touching the neighbouring half (the status register's bits clear when written with 1).</summary>
    public static void Write16(PciAddress function, int offset, ushort value)
    {
        if (Ecam(function, offset & ~1) is var register && register != null)
        {
            Volatile.Write(ref *(ushort*)register, value);
            return;
        }
        Instructions.OutDword(AddressPort, PortAddress(function, offset));
        Instructions.OutWord((ushort)(DataPort + (offset & 2)), value);
    }

    /// <summary>Copies the function's 256-byte configuration header into <paramref name="target"/>, for the pure parsers.</summary>
    public static void ReadHeader(PciAddress function, byte* target)
    {
        for (int offset = 0; offset < 256; offset += 4)
            *(uint*)(target + offset) = Read32(function, offset);
    }

    private static byte* Ecam(PciAddress function, int offset) =>
        s_ecam == null || function.Bus > s_ecamLastBus
            ? null
            : s_ecam + ((ulong)function.Bus << 20 | (ulong)function.Device << 15 | (ulong)function.Function << 12 | (uint)(offset & 0xFFC) | (uint)(offset & 3));

    private static uint PortAddress(PciAddress function, int offset) =>
        Enable | (uint)function.Bus << 16 | (uint)function.Device << 11 | (uint)function.Function << 8 | (uint)(offset & 0xFC);
}
