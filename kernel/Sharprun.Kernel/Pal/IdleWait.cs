using System.Runtime.Intrinsics.X86;
using Sharprun.Hypercall;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// Lets time pass when the PAL must honour a timeout but nothing can happen meanwhile: one CPU, no threads and no
/// interrupts yet, so spinning on the monotonic clock is the whole story until the scheduler can sleep instead.
/// </summary>
internal static class IdleWait
{
    public static void ForMilliseconds(int milliseconds)
    {
        if (milliseconds <= 0)
        {
            return;
        }

        ulong deadline = Hypercalls.MonotonicNanoseconds() + (ulong)milliseconds * 1_000_000;
        while (Hypercalls.MonotonicNanoseconds() < deadline)
        {
            X86Base.Pause();
        }
    }
}
