namespace Sharprun.Hypercall.Interrupts;

/// <summary>Where an ISA IRQ line arrives at the I/O APIC, and how it signals.</summary>
internal readonly struct IsaRoute
{
    public IsaRoute(uint globalInterrupt, bool activeLow, bool levelTriggered)
    {
        GlobalInterrupt = globalInterrupt;
        ActiveLow = activeLow;
        LevelTriggered = levelTriggered;
    }

    /// <summary>The global system interrupt (GSI) number.</summary>
    public uint GlobalInterrupt { get; }

    public bool ActiveLow { get; }

    public bool LevelTriggered { get; }
}
