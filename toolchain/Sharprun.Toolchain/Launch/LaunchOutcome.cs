namespace Sharprun.Toolchain.Launch;

/// <summary>How a boot ended, and the exit code sharprun reports for it.</summary>
public enum LaunchEnd
{
    /// <summary>The kernel reported the application's exit code.</summary>
    Exited,
    /// <summary>The kernel reported a panic.</summary>
    Panicked,
    /// <summary>QEMU ended without an exit record (triple fault, guest halted QEMU, QEMU error).</summary>
    StoppedWithoutRecord,
    TimedOut,
    /// <summary>The user interrupted sharprun (Ctrl-C).</summary>
    Interrupted,
}

public sealed record LaunchOutcome(LaunchEnd End, int ExitCode);
