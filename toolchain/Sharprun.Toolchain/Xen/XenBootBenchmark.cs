using System.Collections.Generic;
using System.IO;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// "xl create → first line of output" on the Xen rig, for a Sharprun image built with --platform xen beside Debian's
/// kernel with a busybox initramfs (<see cref="LinuxInitramfs"/>) as a PVH DomU, both created by the same dom0 in the
/// same rig boot, alternately, <paramref name="rounds"/> times each. dom0 times them by polling the console log, so
/// the resolution is that of its polling loop (tens of milliseconds under TCG).
/// </summary>
public static class XenBootBenchmark
{
    public sealed record Timing(IReadOnlyList<double> Sharprun, IReadOnlyList<double> Linux);

    public static Timing Measure(string sharprunImage, int rounds, StepLog log)
    {
        var rig = XenRig.Prepare(log);
        string ramdisk = Path.Combine(XenRigCache.Directory(), "linux-guest.cpio.gz");
        File.WriteAllBytes(ramdisk, LinuxInitramfs.Build(File.ReadAllBytes(rig.Busybox)));
        var guests = new List<XenGuest>();
        for (int i = 0; i < rounds; i++)
        {
            guests.Add(new XenGuest($"sharprun-{i}", sharprunImage, KernelCommandLine.Encode([]), 64));
            guests.Add(new XenGuest($"linux-{i}", rig.Kernel, "console=hvc0 quiet", 128, ramdisk, LinuxInitramfs.Marker));
        }
        var outcomes = new XenRigRun(rig, guests).Run(timeoutSeconds: 120 + rounds * 120);
        var sharprun = new List<double>();
        var linux = new List<double>();
        foreach (var outcome in outcomes)
        {
            if (outcome.FirstOutputSeconds is not { } seconds)
                throw new ToolchainException($"Xen guest {outcome.Name} printed nothing the rig recognized ({outcome.Error ?? outcome.State})");
            (outcome.Name.StartsWith("sharprun-", System.StringComparison.Ordinal) ? sharprun : linux).Add(seconds);
        }
        return new Timing(sharprun, linux);
    }
}
