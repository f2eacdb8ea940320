using System.Runtime.CompilerServices;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The I/O APIC ISA interrupts go through and the route of each ISA line (IRQ 0–15), from the MADT's I/O APIC
/// and interrupt source override entries, or the PC layout when the firmware has no usable MADT.
/// </summary>
internal struct InterruptRouting
{
    public const ulong DefaultIoApicAddress = 0xFEC0_0000;

    public ulong IoApicAddress;

    /// <summary>The first global system interrupt the I/O APIC's redirection entries serve.</summary>
    public uint IoApicFirstInterrupt;

    public IsaRoutes Isa;

    /// <summary>
    /// ISA lines as they come on a PC without overrides: IRQ n at GSI n, edge-triggered, active high.
    /// </summary>
    public static InterruptRouting Identity(ulong ioApicAddress, uint firstInterrupt)
    {
        var routing = new InterruptRouting { IoApicAddress = ioApicAddress, IoApicFirstInterrupt = firstInterrupt };
        for (int line = 0; line < InterruptVectors.IsaLines; line++)
            routing.Isa[line] = new IsaRoute((uint)line, activeLow: false, levelTriggered: false);
        return routing;
    }

    /// <summary>
    /// What QEMU's pc and q35 machines (and most PCs) have: one I/O APIC at 0xFEC00000 and the timer, IRQ 0,
    /// at GSI 2.
    /// </summary>
    public static InterruptRouting PcDefault()
    {
        var routing = Identity(DefaultIoApicAddress, 0);
        routing.Isa[0] = new IsaRoute(2, activeLow: false, levelTriggered: false);
        return routing;
    }

    [InlineArray(InterruptVectors.IsaLines)]
    public struct IsaRoutes
    {
        private IsaRoute _first;
    }
}
