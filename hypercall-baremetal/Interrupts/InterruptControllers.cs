using Sharprun.Hypercall.Devices;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// Brings up interrupt delivery at boot, leaving the CPU's interrupt flag clear (the kernel sets it once its
/// scheduler exists): the 8259s masked, the local APIC enabled, every I/O APIC entry masked until a line is
/// registered, and the timer disarmed. The IDT itself is filled by the boot stub.
/// </summary>
internal static class InterruptControllers
{
    /// <summary>False, after writing the reason to the kernel log, when the machine lacks what this needs.</summary>
    public static bool Initialize()
    {
        LegacyPic.Disable();
        if (!AcpiDiscovery.TryReadRouting(out InterruptRouting routing))
            routing = InterruptRouting.PcDefault();
        if (!LocalApic.Initialize())
        {
            SerialConsole.WriteKernel("panic: no usable local APIC (missing, or left in x2APIC mode by the firmware)\n");
            return false;
        }
        if (!IoApic.Initialize(routing.IoApicAddress, routing.IoApicFirstInterrupt))
        {
            SerialConsole.WriteKernel("panic: the I/O APIC lies outside the first 4 GiB\n");
            return false;
        }
        InterruptDispatcher.Initialize(routing);
        if (!DeadlineTimer.Initialize())
        {
            SerialConsole.WriteKernel("panic: the local APIC timer does not count\n");
            return false;
        }
        if (DeadlineTimer.UsesTscDeadline)
            SerialConsole.WriteKernel("platform: timer: local APIC, TSC-deadline mode\n");
        else
        {
            SerialConsole.WriteKernel("platform: timer: local APIC countdown at ");
            SerialConsole.WriteKernelDecimal(DeadlineTimer.CountdownFrequency);
            SerialConsole.WriteKernel(" Hz\n");
        }
        return true;
    }
}
