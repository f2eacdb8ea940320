using System;
using System.IO;
using System.Text;
using System.Threading;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// <c>sharprun run --on xen</c>: boots an image built with <c>--platform xen</c> as a PVH DomU of the rig's Linux dom0.
/// The guest's stdout and stderr go to the host's; kernel panics to stderr, other kernel lines with --verbose. The
/// exit code is the guest's <c>@@sharprun-exit</c> record (checked against what it published in xenstore).
/// dom0 forwards the console while the guest runs (<see cref="XenRigConsole"/>), so output appears as the guest
/// writes it, a line at a time, a fraction of a second late (dom0 polls the console log). With an input stream
/// (run -i) dom0 passes its console input to the guest's, and EOT follows the stream's end.
/// </summary>
public sealed class XenLauncher
{
    private const string GuestName = "sharprun";

    private readonly LaunchOptions _options;
    private readonly Stream _output;
    private readonly Stream _error;
    private readonly Stream? _input;
    private readonly CancellationTokenSource _interrupt = new();

    /// <param name="input">run -i: what reaches the application's standard input (dom0 passes it on), EOT after its end.</param>
    public XenLauncher(LaunchOptions options, Stream output, Stream error, Stream? input = null)
    {
        _options = options;
        _output = output;
        _error = error;
        _input = input;
    }

    public void Interrupt() => _interrupt.Cancel();

    public LaunchOutcome Run()
    {
        if (!File.Exists(_options.Image))
            throw new ToolchainException($"no such image: {_options.Image}");
        ImagePlatform.Require(_options.Image, "xen", "build it with --platform xen, or run it without --on xen");
        if (_options.Accelerator != "tcg")
            throw new ToolchainException("--on xen runs Xen inside QEMU with TCG only (this machine's nested KVM cannot run Xen); drop --accel");
        var log = new StepLog(new StreamWriter(_error) { AutoFlush = true }, _options.Verbose);
        var rig = XenRig.Prepare(log);
        var kernelOptions = _input is null ? _options.KernelOptions : [.. _options.KernelOptions, ConsoleInputForwarder.KernelOption];
        var guest = new XenGuest(GuestName, _options.Image, KernelCommandLine.Encode(kernelOptions, _options.Environment, _options.Arguments), _options.MemoryMiB, Input: _input is not null);
        var run = new XenRigRun(rig, [guest])
        {
            Input = _input,
            OnGuestOutput = (_, tag, data) =>
            {
                if (tag == 'o')
                {
                    _output.Write(data.Span);
                    _output.Flush();
                }
                else if (tag == 'e')
                {
                    WriteError(data.Span);
                }
            },
            OnGuestKernelLog = (_, entry) =>
            {
                // As on QEMU: panics always, "gc:" lines (only there with --gc-trace/--gc-verify), the rest with --verbose.
                if (entry.Kind == KernelLogKind.Panic || _options.Verbose || entry.Kind == KernelLogKind.Message && entry.Text.StartsWith("gc: ", StringComparison.Ordinal))
                    WriteError(entry.Text + "\n");
                else if (entry.Kind == KernelLogKind.MalformedRecord)
                    WriteError($"sharprun: ignoring a malformed record from the kernel: {entry.Text}\n");
            },
            OnRigLine = line =>
            {
                if (_options.Verbose)
                    WriteError(line + "\n");
            },
        };
        // The rig's own boot (Xen, dom0, tools) takes a while under TCG: the limit covers the guest plus that.
        int timeout = _options.TimeoutSeconds is { } seconds ? seconds + RigBootSeconds : 24 * 3600;
        var outcome = run.Run(timeout, _interrupt.Token)[0];
        foreach (var error in run.Errors)
            WriteError($"sharprun: xen rig: {error}\n");
        if (outcome.Error is { } failure)
            WriteError($"sharprun: xen rig: {failure}\n");

        if (_interrupt.IsCancellationRequested)
        {
            WriteError("sharprun: interrupted\n");
            return new LaunchOutcome(LaunchEnd.Interrupted, ExitCodes.Interrupted);
        }
        if (outcome.ExitCode is { } code)
        {
            if (outcome.XenstoreExitCode is { } published && published != code)
                WriteError($"sharprun: the guest's exit record says {code} but it published {published} in xenstore\n");
            return new LaunchOutcome(LaunchEnd.Exited, code);
        }
        if (run.TimedOut)
        {
            WriteError($"sharprun: timed out after {_options.TimeoutSeconds} s\n");
            return new LaunchOutcome(LaunchEnd.TimedOut, ExitCodes.Timeout);
        }
        if (outcome.Panicked)
        {
            WriteError("sharprun: the kernel panicked\n");
            return new LaunchOutcome(LaunchEnd.Panicked, ExitCodes.GuestFailure);
        }
        WriteError($"sharprun: the guest stopped without an exit record (xl state '{outcome.State}', shutdown reason {outcome.ShutdownReason?.ToString() ?? "unknown"})\n");
        return new LaunchOutcome(LaunchEnd.StoppedWithoutRecord, ExitCodes.GuestFailure);
    }

    /// <summary>Allowance for booting Xen, dom0 and its tools before the guest's own time limit starts.</summary>
    public const int RigBootSeconds = 60;

    private readonly object _errorLock = new();

    private void WriteError(ReadOnlySpan<byte> bytes)
    {
        lock (_errorLock)
        {
            _error.Write(bytes);
            _error.Flush();
        }
    }

    private void WriteError(string text) => WriteError(Encoding.UTF8.GetBytes(text));
}
