using System;
using System.Diagnostics;
using System.Threading;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A guest that keeps running and serves on the network while the host measures it: booted with a NIC on QEMU's
/// user network, its console lines timed on <see cref="Clock"/>, which starts just before QEMU does. Disposing
/// it ends a guest that is still running.
/// </summary>
public abstract class ServingGuest : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    protected ServingGuest(string name)
    {
        Name = name;
        Output = new LineArrivalRecorder(Clock);
    }

    public string Name { get; }

    public Stopwatch Clock { get; } = new();

    /// <summary>The program's output (for the Linux guest: its whole console).</summary>
    public LineArrivalRecorder Output { get; }

    public abstract bool HasEnded { get; }

    /// <summary>The first line that is exactly <paramref name="text"/>, waiting for it while the guest runs.</summary>
    public TimedLine WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in Output.Lines)
            {
                if (line.Text == text)
                    return line;
            }
            if (HasEnded)
                throw new ToolchainException($"{Name} ended before it printed '{text}': {Describe()}");
            if (deadline.Elapsed > timeout)
                throw new ToolchainException($"{Name} did not print '{text}' within {timeout.TotalSeconds:0} s: {Describe()}");
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Waits for the program to exit; anything but exit code 0 is an error.</summary>
    public abstract void WaitForCleanExit(TimeSpan timeout);

    /// <summary>How the guest ended or stands, with the tail of its output, for error messages.</summary>
    public abstract string Describe();

    public abstract void Dispose();
}
