using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Devices;

/// <summary>
/// Where threads waiting for disk requests sleep: several may wait at once (each for its own requests), so instead
/// of a pending flag that the first waiter would clear, every event advances a generation. A waiter reads the
/// generation, looks for its completions, and sleeps only while the generation is still the one it read, so a
/// completion that arrives between its look and its sleep is never lost.
/// </summary>
public static unsafe class BlockEvents
{
    private static ThreadQueue s_waiters;
    private static ulong s_generation;

    /// <summary>The current generation; read it before looking for completions.</summary>
    public static ulong Generation
    {
        get
        {
            bool enabled = Hypercalls.DisableInterrupts();
            ulong generation = s_generation;
            Hypercalls.RestoreInterrupts(enabled);
            return generation;
        }
    }

    /// <summary>Blocks until the generation moves past <paramref name="seen"/> (at once when it already has).</summary>
    public static void WaitPast(ulong seen)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        while (s_generation == seen)
            Scheduler.Block((ThreadQueue*)Unsafe.AsPointer(ref s_waiters), ulong.MaxValue);
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>
    /// Wakes every waiter: a thread that took completions belonging to others calls it, so they look again.
    /// Any thread.
    /// </summary>
    public static void Kick()
    {
        bool enabled = Hypercalls.DisableInterrupts();
        Advance();
        Hypercalls.RestoreInterrupts(enabled);
    }

    /// <summary>Makes interrupt exits take the platform's disk events from now on; before the first wait. Idempotent.</summary>
    public static void Start() => InterruptExitHooks.Add(&OnInterrupt);

    /// <summary>Interrupt exit: the platform's disks may have finished requests. Interrupts are disabled.</summary>
    private static void OnInterrupt()
    {
        if (Hypercalls.TakeBlockEvents())
            Advance();
    }

    private static void Advance()
    {
        s_generation++;
        Scheduler.WakeAll((ThreadQueue*)Unsafe.AsPointer(ref s_waiters));
    }
}
