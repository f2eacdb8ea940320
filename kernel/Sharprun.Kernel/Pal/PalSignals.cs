using System;
using System.Runtime;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// POSIX signal registration (pal_signal.h), which PosixSignalRegistration uses and the generic host's console
/// lifetime needs (it registers SIGINT, SIGQUIT and SIGTERM to stop the application gracefully). Signal numbers are
/// Linux x86-64's, as CoreLib was compiled for. Registration is recorded as Linux records a handler; no signal is
/// delivered yet, since nothing in the guest raises one (the graceful stop requested from the host is still to come).
/// </summary>
public static unsafe class PalSignals
{
    /// <summary>SIGRTMAX on Linux: the highest signal number.</summary>
    public const int HighestSignal = 64;

    private const int SigKill = 9;
    private const int SigStop = 19;

    // The PosixSignal values CoreLib passes for the signals it names (PosixSignal.SIGHUP is -1 ... SIGTSTP is -10),
    // and the Linux numbers they stand for.
    private static ReadOnlySpan<byte> NamedSignalNumbers => [1, 2, 3, 15, 17, 18, 28, 21, 22, 20];

    private static ulong s_enabled;

    /// <summary>
    /// The Linux number of a PosixSignal: a named one's (SIGTERM is 15), a raw one's own number when it is a
    /// signal (1..64), else 0, which CoreLib reports as PlatformNotSupportedException.
    /// </summary>
    [RuntimeExport("SystemNative_GetPlatformSignalNumber")]
    public static int GetPlatformSignalNumber(int signal)
    {
        if (signal < 0 && -signal <= NamedSignalNumbers.Length)
            return NamedSignalNumbers[-signal - 1];
        return signal is > 0 and <= HighestSignal ? signal : 0;
    }

    /// <summary>
    /// Accepts the function a delivered signal is handed to (CoreLib's OnPosixSignal) and keeps nothing: no signal
    /// is delivered yet, so there is nothing to hand it.
    /// </summary>
    [RuntimeExport("SystemNative_SetPosixSignalHandler")]
    public static void SetPosixSignalHandler(delegate* unmanaged<int, int, int> handler)
    {
    }

    /// <summary>
    /// Starts handling <paramref name="signalCode"/>; 1 on success, 0 with EINVAL for a number that is no signal or
    /// one that cannot be caught (SIGKILL, SIGSTOP), as sigaction answers.
    /// </summary>
    [RuntimeExport("SystemNative_EnablePosixSignalHandling")]
    public static int EnablePosixSignalHandling(int signalCode)
    {
        if (signalCode is < 1 or > HighestSignal or SigKill or SigStop)
        {
            PalErrors.SetError(LinuxErrno.EINVAL);
            return 0;
        }
        s_enabled |= Bit(signalCode);
        return 1;
    }

    /// <summary>Stops handling <paramref name="signalCode"/>: it takes its default action again.</summary>
    [RuntimeExport("SystemNative_DisablePosixSignalHandling")]
    public static void DisablePosixSignalHandling(int signalCode)
    {
        if (signalCode is >= 1 and <= HighestSignal)
            s_enabled &= ~Bit(signalCode);
    }

    /// <summary>Whether the application handles <paramref name="signalCode"/> (host tests, and the delivery to come).</summary>
    public static bool IsHandled(int signalCode) => signalCode is >= 1 and <= HighestSignal && (s_enabled & Bit(signalCode)) != 0;

    /// <summary>
    /// The default action of a signal no handler canceled: SIGCHLD, SIGCONT, SIGWINCH and SIGURG are ignored, every
    /// other signal ends the process as Linux reports a death by signal, exit code 128 + its number.
    /// </summary>
    [RuntimeExport("SystemNative_HandleNonCanceledPosixSignal")]
    public static void HandleNonCanceledPosixSignal(int signalCode)
    {
        if (signalCode is 17 or 18 or 23 or 28)
            return;
        ProcessEnd.Exit(128 + signalCode);
    }

    private static ulong Bit(int signalCode) => 1UL << (signalCode - 1);
}
