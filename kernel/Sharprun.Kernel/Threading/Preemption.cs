using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// Keeps the running thread on the CPU while it updates shared kernel state (allocators, the GC heap, handle
/// tables): an interrupt that wants to switch threads meanwhile only records that, and the switch happens when
/// the outermost critical section ends. Cheaper than disabling interrupts, and interrupts (timer, input) still
/// arrive. One CPU, so one counter.
/// </summary>
internal static class Preemption
{
    private static int s_depth;
    private static bool s_switchPending;

    public static bool IsDisabled => s_depth != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Disable() => s_depth++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enable()
    {
        if (--s_depth == 0 && s_switchPending)
            SwitchNow();
    }

    private static void SwitchNow()
    {
        s_switchPending = false;
        Scheduler.Yield();
    }

    /// <summary>Called at interrupt exit when a switch was due but preemption is disabled.</summary>
    public static void DeferSwitch() => s_switchPending = true;
}
