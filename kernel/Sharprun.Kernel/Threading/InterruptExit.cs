using System.Runtime;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// Where every interrupt ends: the platform calls this on the interrupt stack, interrupts disabled, with the
/// interrupted thread's context, and resumes the context returned (see <see cref="Scheduler.OnInterruptExit"/>).
/// </summary>
internal static class InterruptExit
{
    [RuntimeExport("sharprun_kernel_interrupt_exit")]
    private static nint Exit(nint context)
    {
        Pal.ConsoleInput.OnInterrupt();
        InterruptExitHooks.Run();
        return Scheduler.OnInterruptExit(context);
    }
}
