using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// What one run of a benchmark program printed: its standard output lines with their arrival times on the host,
/// the figures among them, and the guest's other diagnostics (for a Sharprun image: the relayed kernel lines,
/// such as the GC trace).
/// </summary>
public sealed class GuestProgramRun
{
    public GuestProgramRun(string source, IReadOnlyList<TimedLine> output, IReadOnlyList<string> diagnostics)
    {
        Source = source;
        Output = output;
        Diagnostics = diagnostics;
        Figures = ProgramFigures.Parse(output.Select(l => l.Text).ToList(), source);
    }

    /// <summary>Boots the Linux guest; the program must have printed its figures and exited with 0.</summary>
    public static GuestProgramRun InLinux(BootTimer timer, BootGuest guest)
    {
        var timing = timer.Boot(guest);
        var exit = timing.Lines.LastOrDefault(l => l.Text.StartsWith(LinuxInitramfs.ProgramExitMarker, StringComparison.Ordinal));
        string code = exit?.Text[LinuxInitramfs.ProgramExitMarker.Length..] ?? "(no exit line)";
        if (code != "0")
        {
            throw new ToolchainException($"{guest.Name}: the program exited with {PrintableText.Of(code)}; console: " +
                                         PrintableText.Tail(string.Join('\n', timing.Lines.Select(l => l.Text)), 400));
        }
        return new GuestProgramRun(guest.Name, timing.Lines, []);
    }

    public string Source { get; }

    public IReadOnlyList<TimedLine> Output { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    public ProgramFigures Figures { get; }

    /// <summary>Milliseconds on the host's clock from the arrival of figure <paramref name="from"/>'s line to that of <paramref name="to"/>'s.</summary>
    public double HostMillisecondsBetween(string from, string to) =>
        (Output[Figures.LineOf(to)].At - Output[Figures.LineOf(from)].At).TotalMilliseconds;
}
