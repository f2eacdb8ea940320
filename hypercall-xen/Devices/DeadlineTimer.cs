using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Xen;

namespace Sharprun.Hypercall.Devices;

/// <summary>
/// The kernel's one-shot timer on Xen's single-shot vCPU timer. Xen fires when its own system time reaches the
/// deadline, which the guest's pvclock, extrapolated from the TSC, may still read as a little earlier; the upcall
/// then re-arms instead of letting the kernel see an interrupt before <see cref="Clock.MonotonicNanoseconds"/>
/// reached the deadline.
/// </summary>
internal static class DeadlineTimer
{
    /// <summary>Xen keeps timer expiries as signed nanoseconds: deadlines from here on (≈292 years) never come.</summary>
    private const ulong Never = long.MaxValue;

    private static ulong s_deadline;
    private static bool s_armed;

    /// <summary>Arms the timer for <paramref name="deadline"/> (monotonic nanoseconds); <see cref="ulong.MaxValue"/> disarms it.</summary>
    public static void Set(ulong deadline)
    {
        // The upcall reads the deadline: it must not see one half set.
        bool enabled = ThreadContext.DisableInterrupts();
        ulong systemTime = Clock.ToSystemTime(deadline);
        if (deadline == ulong.MaxValue || systemTime >= Never)
        {
            s_armed = false;
            SingleShotTimer.Stop();
        }
        else
        {
            s_deadline = deadline;
            s_armed = true;
            SingleShotTimer.Arm(systemTime);
        }
        if (enabled)
            ThreadContext.EnableInterrupts();
    }

    /// <summary>VIRQ_TIMER arrived (on the interrupt stack): disarms, or re-arms when it came early.</summary>
    public static void OnExpiry()
    {
        if (s_armed && Clock.MonotonicNanoseconds() < s_deadline)
            SingleShotTimer.Arm(Clock.ToSystemTime(s_deadline));
        else
            s_armed = false;
    }
}
