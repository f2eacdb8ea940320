namespace Sharprun.Toolchain.Launch;

/// <summary>What a kernel log line (COM3) means to the launcher.</summary>
public enum KernelLogKind
{
    /// <summary>An ordinary log line: shown with --verbose.</summary>
    Message,
    /// <summary>A line starting <c>panic:</c>: always shown on the host's standard error.</summary>
    Panic,
    /// <summary><c>@@sharprun-exit N</c>: the application exited with code N (0-255).</summary>
    Exit,
    /// <summary><c>@@sharprun-panic</c>: the kernel panicked and will power off.</summary>
    PanicRecord,
    /// <summary>A line starting <c>@@sharprun-</c> that is not a valid record: reported and otherwise ignored.</summary>
    MalformedRecord,
}

/// <summary>One kernel log line, already decoded and made safe to print (<see cref="Text"/> has no control characters).</summary>
public sealed record KernelLogEntry(KernelLogKind Kind, string Text, int ExitCode = 0);
