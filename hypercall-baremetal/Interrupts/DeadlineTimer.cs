using Sharprun.Hypercall.Cpu;
using Sharprun.Hypercall.Devices;

namespace Sharprun.Hypercall.Interrupts;

/// <summary>
/// The one-shot timer behind <c>Hypercalls.SetTimer</c>, on the local APIC: in TSC-deadline mode when the CPU has
/// it (KVM), otherwise counting down at the APIC's clock, measured against the TSC at boot (QEMU's TCG has no
/// TSC-deadline mode). Its interrupt never reports a deadline early: one that arrives before
/// <see cref="Clock.MonotonicNanoseconds"/> reached the deadline — a deadline too far for one countdown, or an
/// APIC clock measured a little slow — just re-arms for the rest.
/// </summary>
internal static unsafe class DeadlineTimer
{
    public const ulong Disarmed = ulong.MaxValue;

    private const uint CpuidTscDeadline = 1u << 24;
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    /// <summary>The longest wait armed at once (about 18 minutes); a later deadline is reached in steps.</summary>
    private const ulong LongestStep = 1UL << 40;

    /// <summary>
    /// Countdown mode aims waits longer than this 1/64 short and re-arms for the remainder at the interrupt, so
    /// that an error in the measured APIC clock costs an extra interrupt instead of lateness.
    /// </summary>
    private const ulong ExactBelow = 4_000_000;

    /// <summary>How long the APIC clock is measured against the TSC at boot: 1/500 s.</summary>
    private const ulong CalibrationFraction = 500;

    private static bool s_tscDeadlineMode;
    private static ulong s_countdownFrequency;
    private static ulong s_deadline;

    public static bool UsesTscDeadline => s_tscDeadlineMode;

    /// <summary>The APIC countdown clock in Hz (0 in TSC-deadline mode).</summary>
    public static ulong CountdownFrequency => s_countdownFrequency;

    /// <summary>Chooses the mode and leaves the timer disarmed. False when the APIC clock does not run.</summary>
    public static bool Initialize()
    {
        s_deadline = Disarmed;
        uint* cpuid = stackalloc uint[4];
        Instructions.Cpuid(1, 0, cpuid);
        if ((cpuid[2] & CpuidTscDeadline) != 0)
        {
            s_tscDeadlineMode = true;
            LocalApic.UseTscDeadlineTimer();
            ModelSpecificRegisters.Write(ModelSpecificRegisters.TscDeadline, 0);
            return true;
        }
        s_countdownFrequency = MeasureCountdownFrequency();
        LocalApic.UseCountdownTimer(interrupts: true);
        return s_countdownFrequency != 0;
    }

    /// <summary>Arms the timer for <paramref name="deadline"/> (monotonic nanoseconds); <see cref="Disarmed"/> disarms it.</summary>
    public static void Set(ulong deadline)
    {
        bool enabled = ThreadContext.DisableInterrupts();
        s_deadline = deadline;
        Arm();
        if (enabled)
            ThreadContext.EnableInterrupts();
    }

    /// <summary>At the timer's interrupt: the deadline is over, or the timer re-arms for what is left of it.</summary>
    public static void OnInterrupt()
    {
        if (s_deadline == Disarmed)
            return;
        if (Clock.MonotonicNanoseconds() >= s_deadline)
            s_deadline = Disarmed;
        else
            Arm();
    }

    private static void Arm()
    {
        if (s_deadline == Disarmed)
        {
            Stop();
            return;
        }
        ulong now = Clock.MonotonicNanoseconds();
        ulong remaining = s_deadline > now ? s_deadline - now : 0;
        if (s_tscDeadlineMode)
        {
            // Read after the clock, so the TSC target errs late; a target at or before the TSC fires at once.
            ulong tsc = Instructions.ReadTimeStampCounter();
            ulong target = tsc + TicksAtLeast(remaining < LongestStep ? remaining : LongestStep, Clock.TscFrequency);
            ModelSpecificRegisters.Write(ModelSpecificRegisters.TscDeadline, target == 0 ? 1 : target);
            return;
        }
        ulong aim = remaining >= ExactBelow ? remaining - remaining / 64 : remaining;
        ulong count = TicksAtLeast(aim < LongestStep ? aim : LongestStep, s_countdownFrequency);
        LocalApic.StartCountdown(count == 0 ? 1 : count > uint.MaxValue ? uint.MaxValue : (uint)count);
    }

    private static void Stop()
    {
        if (s_tscDeadlineMode)
            ModelSpecificRegisters.Write(ModelSpecificRegisters.TscDeadline, 0);
        else
            LocalApic.StartCountdown(0);
    }

    /// <summary>
    /// Ticks of a <paramref name="frequency"/> Hz clock that last at least <paramref name="nanoseconds"/> (rounded
    /// up). Exact without overflow for waits up to <see cref="LongestStep"/> and clocks below 17 GHz.
    /// </summary>
    private static ulong TicksAtLeast(ulong nanoseconds, ulong frequency)
    {
        ulong seconds = nanoseconds / NanosecondsPerSecond;
        ulong rest = nanoseconds % NanosecondsPerSecond;
        return seconds * frequency + (rest * frequency + NanosecondsPerSecond - 1) / NanosecondsPerSecond;
    }

    /// <summary>Counts the APIC clock, masked, for 1/500 s of the TSC; each end is sampled between two TSC reads.</summary>
    private static ulong MeasureCountdownFrequency()
    {
        ulong tscFrequency = Clock.TscFrequency;
        LocalApic.UseCountdownTimer(interrupts: false);
        LocalApic.StartCountdown(uint.MaxValue);
        Sample(out ulong startTsc, out uint startCount);
        while (Instructions.ReadTimeStampCounter() - startTsc < tscFrequency / CalibrationFraction)
        {
        }
        Sample(out ulong endTsc, out uint endCount);
        LocalApic.StartCountdown(0);
        ulong counted = startCount - endCount;
        ulong elapsed = endTsc - startTsc;
        // The product overflows only for an APIC clock above a THz: no such clock, so a broken measurement.
        if (counted == 0 || elapsed == 0 || endCount > startCount || counted > ulong.MaxValue / tscFrequency)
            return 0;
        return counted * tscFrequency / elapsed;
    }

    private static void Sample(out ulong tsc, out uint count)
    {
        ulong before = Instructions.ReadTimeStampCounter();
        count = LocalApic.CurrentCount;
        ulong after = Instructions.ReadTimeStampCounter();
        tsc = before + (after - before) / 2;
    }
}
