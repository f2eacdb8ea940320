using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// "xl create → first line of output" on the Xen rig, for a Sharprun image built with --platform xen beside Debian's
/// kernel with a busybox initramfs (<see cref="LinuxInitramfs"/>) as a PVH DomU, both created by the same dom0 in the
/// same rig boot, alternately, <c>rounds</c> times each, after one unmeasured Sharprun guest (the first <c>xl create</c>
/// of a boot also loads the tools). dom0 times them by polling the console log, so the resolution is that of its
/// polling loop (tens of milliseconds under TCG).
/// </summary>
public static class XenBootBenchmark
{
    /// <summary>The seconds of each round, and the Linux guest's console of the first round (to see what its boot waited for).</summary>
    public sealed record Timing(IReadOnlyList<double> Sharprun, IReadOnlyList<double> Linux, IReadOnlyList<string> LinuxConsole);

    public const string LinuxCommandLine = "console=hvc0 quiet";

    private const string WarmUp = "warm-up";

    public static Timing Measure(string sharprunImage, int rounds, StepLog log)
    {
        var rig = XenRig.Prepare(log);
        string ramdisk = Path.Combine(XenRigCache.Directory(), "linux-guest.cpio.gz");
        File.WriteAllBytes(ramdisk, LinuxInitramfs.Build(File.ReadAllBytes(rig.Busybox)));
        var guests = new List<XenGuest> { new(WarmUp, sharprunImage, KernelCommandLine.Encode([]), 64) };
        for (int i = 0; i < rounds; i++)
        {
            guests.Add(new XenGuest($"sharprun-{i}", sharprunImage, KernelCommandLine.Encode([]), 64));
            guests.Add(new XenGuest($"linux-{i}", rig.Kernel, LinuxCommandLine, 128, ramdisk, LinuxInitramfs.Marker));
        }
        var run = new XenRigRun(rig, guests);
        var outcomes = run.Run(timeoutSeconds: 180 + rounds * 180);
        if (!run.Completed)
            throw new ToolchainException($"the Xen rig did not complete (timed out: {run.TimedOut}): {string.Join("; ", run.Errors)}");
        var sharprun = new List<double>();
        var linux = new List<double>();
        foreach (var outcome in outcomes.Where(o => o.Name != WarmUp))
        {
            if (outcome.FirstOutputSeconds is not { } seconds)
                throw new ToolchainException($"Xen guest {outcome.Name} printed nothing the rig recognized ({outcome.Error ?? outcome.State})");
            (outcome.Name.StartsWith("sharprun-", System.StringComparison.Ordinal) ? sharprun : linux).Add(seconds);
        }
        return new Timing(sharprun, linux, outcomes.First(o => o.Name == "linux-0").ConsoleLines);
    }
}
