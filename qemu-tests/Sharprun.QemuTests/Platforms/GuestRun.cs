namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// How a guest ended, as <c>sharprun run</c> reports it on either platform: the exit code (125 after a kernel panic or
/// an end without exit record), the application's standard output, and standard error with the kernel's panic and
/// "gc:" lines. <see cref="Window"/> is when, by the host's clock, the guest ran at the earliest and latest (for Xen,
/// the whole rig boot). <see cref="Details"/> is what else the platform saw, for failure messages.
/// </summary>
public sealed record GuestRun(Platform Platform, int ExitCode, string Output, string Error, (DateTime Start, DateTime End) Window, string Details = "")
{
    public override string ToString() =>
        $"{Platform}: exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}" + (Details.Length > 0 ? $"\n--- {Platform}\n{Details}" : "");
}
