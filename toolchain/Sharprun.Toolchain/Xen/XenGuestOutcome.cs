using System.Collections.Generic;
using Sharprun.Toolchain.Launch;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// How one DomU of a rig run ended, as dom0 saw it: xl's state letters (<c>s</c>: shut down, <c>c</c>: crashed),
/// the shutdown reason code (0 poweroff, 1 reboot, 2 suspend, 3 crash, 4 watchdog, 5 soft reset), what the guest
/// published in xenstore (<c>data/sharprun/state</c> and <c>exit-code</c>), the time from <c>xl create</c> to the first
/// output, and its console taken apart into stdout, stderr and kernel log.
/// </summary>
public sealed class XenGuestOutcome
{
    public required string Name { get; init; }

    /// <summary>Set when dom0 could not create or watch the domain.</summary>
    public string? Error { get; set; }

    public string State { get; set; } = "";

    public int? ShutdownReason { get; set; }

    public string? XenstoreState { get; set; }

    public int? XenstoreExitCode { get; set; }

    public double? FirstOutputSeconds { get; set; }

    /// <summary>The exit code from the kernel log's <c>@@sharprun-exit N</c> record.</summary>
    public int? ExitCode { get; set; }

    public bool Panicked { get; set; }

    public List<byte> Output { get; } = new();

    public List<byte> ErrorOutput { get; } = new();

    public List<string> KernelLog { get; } = new();

    /// <summary>Console lines that were not multiplexed guest output (a non-Sharprun guest's console).</summary>
    public List<string> ConsoleLines { get; } = new();

    public bool Ended { get; set; }

    /// <summary>Records a kernel log line; the first exit or panic record decides how the guest ended.</summary>
    public void AddKernelLog(KernelLogEntry entry)
    {
        KernelLog.Add(entry.Text);
        switch (entry.Kind)
        {
            case KernelLogKind.Exit when ExitCode is null && !Panicked:
                ExitCode = entry.ExitCode;
                break;
            case KernelLogKind.PanicRecord when ExitCode is null:
                Panicked = true;
                break;
        }
    }
}
