using System.Text;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Xen;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Sharprun.Toolchain.Xen;

namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// A test case's run on a platform. Bare metal boots it now with <c>sharprun run --memory 64</c>; Xen returns its
/// outcome from the one rig boot that runs every case of <see cref="GuestCatalog"/> (<see cref="XenRigBoot"/>).
/// Either way the case must be in the catalog, so a test cannot pass on one platform for want of a declaration.
/// </summary>
public static class GuestRuns
{
    public static Task<GuestRun> BootAsync(Platform platform, string image, params string[] arguments) =>
        RunAsync(platform, new GuestCase(image, arguments));

    public static async Task<GuestRun> RunAsync(Platform platform, GuestCase guestCase)
    {
        var declared = GuestCatalog.All.FirstOrDefault(guestCase.Equals)
            ?? throw new InvalidOperationException($"'{guestCase}' is not in GuestCatalog.All: declare it there so the Xen rig boots it too");
        return platform switch
        {
            Platform.BareMetal => OnBareMetal(declared),
            Platform.Xen => FromXen(guestCase, await XenRigBoot.OutcomeAsync(guestCase), (await XenRigBoot.TimingAsync()).Window),
            _ => throw new ArgumentOutOfRangeException(nameof(platform)),
        };
    }

    private static GuestRun OnBareMetal(GuestCase guestCase)
    {
        string[] flags = guestCase.KernelOptions.Select(KernelOption.RunFlag).ToArray();
        GuestImages.Get(guestCase.Image);
        using var lease = guestCase.RunsAlone ? GuestConcurrency.Alone() : GuestConcurrency.Alongside();
        DateTime start = DateTime.UtcNow;
        var result = GuestImages.BootWith(guestCase.Image, flags, [.. guestCase.Arguments]);
        return new GuestRun(Platform.BareMetal, result.ExitCode, result.Output, result.Error, (start, DateTime.UtcNow));
    }

    /// <summary>The rig's view of a DomU, read the way <c>sharprun run --on xen</c> reads it.</summary>
    private static GuestRun FromXen(GuestCase guestCase, XenGuestOutcome outcome, (DateTime Start, DateTime End) window)
    {
        if (outcome.Error is { } failure)
            throw new InvalidOperationException($"the Xen rig could not run '{guestCase}': {failure}");
        var error = new StringBuilder(Encoding.UTF8.GetString(outcome.ErrorOutput.ToArray()));
        foreach (var line in outcome.KernelLog)
        {
            // The bare-metal launcher prints these to stderr too: panic reports, and "gc:" lines when asked for.
            if (line.StartsWith(KernelLogParser.PanicPrefix, StringComparison.Ordinal) || line.StartsWith("gc: ", StringComparison.Ordinal))
                error.Append(line).Append('\n');
        }
        if (outcome.ExitCode is null && !outcome.Panicked)
            error.Append("sharprun: the guest stopped without an exit record\n");
        string details = $"domain {XenRigBoot.DomainName(guestCase)}: xl state '{outcome.State}', shutdown reason {outcome.ShutdownReason?.ToString() ?? "-"}, "
            + $"xenstore state {outcome.XenstoreState ?? "-"}, exit code {outcome.XenstoreExitCode?.ToString() ?? "-"}\n"
            + string.Join('\n', outcome.KernelLog);
        return new GuestRun(Platform.Xen, outcome.ExitCode ?? ExitCodes.GuestFailure, Encoding.UTF8.GetString(outcome.Output.ToArray()), error.ToString(), window, details);
    }
}
