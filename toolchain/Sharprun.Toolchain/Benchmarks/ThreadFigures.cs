using System;
using System.Globalization;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The four figures the threads benchmark program prints (Benchmarks/Programs/threads), each once. The program's
/// clock measured them; a figure that is zero, or absurdly large, means the run did not do the work and is an error.
/// </summary>
public sealed record ThreadFigures(double CreateJoinMicroseconds, double HandoffMicroseconds, double DelayMilliseconds, double TaskRunMicroseconds)
{
    /// <summary>Ten seconds, in the unit of each figure: nothing a working guest takes for one thread, hand-off, delay or task.</summary>
    private const double MaxMicroseconds = 10_000_000;
    private const double MaxMilliseconds = 10_000;

    public static ThreadFigures Of(GuestProgramRun run) => new(
        Checked(run, "create-join-us", MaxMicroseconds),
        Checked(run, "handoff-us", MaxMicroseconds),
        Checked(run, "delay-median-ms", MaxMilliseconds),
        Checked(run, "task-run-us", MaxMicroseconds));

    private static double Checked(GuestProgramRun run, string name, double max)
    {
        double value = run.Figures.Single(name);
        if (value <= 0 || value > max)
            throw new ToolchainException(string.Create(CultureInfo.InvariantCulture,
                $"{run.Source} printed '{name}' as {value}, expected more than 0 and at most {max}"));
        return value;
    }
}
