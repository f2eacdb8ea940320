using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Runs a Sharprun image through the same launcher as <c>sharprun run</c> (so the same QEMU command line), with
/// the TCG accelerator; the application's standard output is timed line by line, standard error and the relayed
/// kernel lines (gc.trace) are kept as diagnostics. A run that does not exit with 0 is an error.
/// </summary>
public sealed record SharprunGuest(string Name, string Image, int MemoryMiB, TimeSpan Timeout)
{
    /// <summary>What <c>sharprun run --disk</c> would attach and mount; none by default.</summary>
    public IReadOnlyList<GuestDisk> Disks { get; init; } = [];

    public GuestProgramRun Run(string[] arguments, string[] kernelOptions)
    {
        var clock = Stopwatch.StartNew();
        using var output = new LineArrivalRecorder(clock);
        using var error = new MemoryStream();
        var options = new LaunchOptions(Image, arguments, MemoryMiB, (int)Math.Ceiling(Timeout.TotalSeconds), "tcg", Verbose: false)
        {
            KernelOptions = kernelOptions,
            Disks = Disks,
        };
        var outcome = new QemuLauncher(options, output, error).Run();
        string diagnostics = Encoding.UTF8.GetString(error.ToArray());
        if (outcome.End != LaunchEnd.Exited || outcome.ExitCode != 0)
        {
            throw new ToolchainException(
                $"{Name} {string.Join(' ', arguments)}: {outcome.End}, exit code {outcome.ExitCode}; " +
                $"standard error: {PrintableText.Tail(diagnostics.Trim(), 400)}; output: {PrintableText.Tail(output.Text, 400)}");
        }
        return new GuestProgramRun(Name, output.Lines, diagnostics.Split('\n').Select(l => l.TrimEnd('\r')).ToList());
    }
}
