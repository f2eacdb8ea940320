using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// Work the kernel's device libraries add to every interrupt exit (taking the events their NICs or disks raised),
/// so that an image without a network or disks carries neither the checks nor the waiters they wake. A hook runs
/// on the interrupt stack with interrupts disabled: it must not allocate, block or throw.
/// </summary>
public static unsafe class InterruptExitHooks
{
    private const int Capacity = 4;

    private static HookSlots s_hooks;
    private static int s_count;

    /// <summary>
    /// Adds <paramref name="hook"/> unless it is there already, and runs it once at once: an event raised before it
    /// was added is taken now, not at an interrupt that might never come.
    /// </summary>
    public static void Add(delegate*<void> hook)
    {
        bool enabled = Hypercalls.DisableInterrupts();
        if (!Contains(hook))
        {
            if (s_count == Capacity)
                Panic.Fail("kernel: more interrupt-exit hooks than the kernel has room for");
            s_hooks[s_count++] = (nint)hook;
            hook();
        }
        Hypercalls.RestoreInterrupts(enabled);
    }

    private static bool Contains(delegate*<void> hook)
    {
        for (int i = 0; i < s_count; i++)
        {
            if (s_hooks[i] == (nint)hook)
                return true;
        }
        return false;
    }

    /// <summary>Interrupt exit: runs every hook, in the order they were added.</summary>
    internal static void Run()
    {
        for (int i = 0; i < s_count; i++)
            ((delegate*<void>)s_hooks[i])();
    }

    [InlineArray(Capacity)]
    private struct HookSlots
    {
        private nint _first;
    }
}
