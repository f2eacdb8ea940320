namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The IDT vectors of device interrupts (0–31 are the CPU's exceptions). The legacy 8259 PICs are moved out of
/// the exceptions' way and masked; ISA lines come through the I/O APIC. The entry stub of every vector from 32 up
/// (toolchain LowLevel/Baremetal/InterruptStubs) builds a context frame and calls the dispatcher.
/// </summary>
internal static class InterruptVectors
{
    /// <summary>The first vector the entry stubs build a context frame for.</summary>
    public const int FirstDevice = 0x20;

    /// <summary>Where the masked 8259s would deliver IRQ 0–15, should they ever.</summary>
    public const int LegacyPicBase = 0x20;

    /// <summary>ISA IRQ 0–15 routed through the I/O APIC.</summary>
    public const int IsaBase = 0x30;
    public const int IsaLines = 16;

    public const int Timer = 0x40;

    /// <summary>Message-signalled interrupts (PCI MSI-X), handed out one per use by <see cref="InterruptDispatcher.AllocateMessageVector"/>.</summary>
    public const int MessageBase = 0x50;
    public const int MessageVectors = 16;

    /// <summary>The local APIC's spurious vector: no EOI.</summary>
    public const int Spurious = 0xFF;

    /// <summary>Where the entry stub stores the vector in a context frame (toolchain LowLevel/Runtime/ContextStubs).</summary>
    public const int FrameVectorOffset = 640;
}
