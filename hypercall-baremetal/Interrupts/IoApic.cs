using System.Threading;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The I/O APIC ISA lines arrive at: registers reached through an index (IOREGSEL) and a window (IOWIN). Every
/// redirection entry starts masked; <see cref="Route"/> sends one global system interrupt to a vector of this CPU.
/// </summary>
internal static unsafe class IoApic
{
    private const int SelectOffset = 0x00;
    private const int WindowOffset = 0x10;
    private const uint VersionRegister = 0x01;
    private const uint FirstRedirectionRegister = 0x10;

    private const uint Masked = 1u << 16;
    private const uint LevelTriggered = 1u << 15;
    private const uint ActiveLow = 1u << 13;

    private static byte* s_registers;
    private static uint s_firstInterrupt;
    private static uint s_entryCount;

    /// <summary>False when the I/O APIC lies outside the identity-mapped first 4 GiB.</summary>
    public static bool Initialize(ulong address, uint firstInterrupt)
    {
        if (address == 0 || address >= 4UL << 30 || !PageTables.MakeUncacheable(address))
            return false;
        s_registers = (byte*)address;
        s_firstInterrupt = firstInterrupt;
        s_entryCount = ((Read(VersionRegister) >> 16) & 0xFF) + 1;
        for (uint entry = 0; entry < s_entryCount; entry++)
        {
            Write(FirstRedirectionRegister + entry * 2, Masked);
            Write(FirstRedirectionRegister + entry * 2 + 1, 0);
        }
        return true;
    }

    /// <summary>
    /// Delivers <paramref name="route"/>'s global interrupt as <paramref name="vector"/> (fixed delivery, physical
    /// destination) to the APIC <paramref name="destination"/>. False when this I/O APIC does not serve it.
    /// </summary>
    public static bool Route(IsaRoute route, int vector, byte destination)
    {
        uint entry = route.GlobalInterrupt - s_firstInterrupt;
        if (s_registers == null || route.GlobalInterrupt < s_firstInterrupt || entry >= s_entryCount)
            return false;
        uint low = (uint)vector | (route.LevelTriggered ? LevelTriggered : 0) | (route.ActiveLow ? ActiveLow : 0);
        Write(FirstRedirectionRegister + entry * 2 + 1, (uint)destination << 24);
        Write(FirstRedirectionRegister + entry * 2, low);
        return true;
    }

    private static uint Read(uint register)
    {
        Volatile.Write(ref *(uint*)(s_registers + SelectOffset), register);
        return Volatile.Read(ref *(uint*)(s_registers + WindowOffset));
    }

    private static void Write(uint register, uint value)
    {
        Volatile.Write(ref *(uint*)(s_registers + SelectOffset), register);
        Volatile.Write(ref *(uint*)(s_registers + WindowOffset), value);
    }
}
