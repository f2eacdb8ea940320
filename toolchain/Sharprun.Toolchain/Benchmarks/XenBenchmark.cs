using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Xen;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The <c>xen</c> section: <c>xl create</c> → first line of the project built with --platform xen against Debian's
/// Linux kernel with a busybox initramfs, both as PVH DomUs of the rig's dom0 (<see cref="XenBootBenchmark"/>); no
/// target, the Linux guest is the reference a user would otherwise deploy.
/// </summary>
public static class XenBenchmark
{
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        string image = workspace.XenImage();
        workspace.Log.Note("xen rig", $"one boot, a warm-up guest and {workspace.Runs} round(s) of two guests (minutes under TCG)");
        var timing = XenBootBenchmark.Measure(image, workspace.Runs, workspace.Log);
        string console = Path.Combine(workspace.WorkDirectory, "xen-linux-console.txt");
        File.WriteAllLines(console, timing.LinuxConsole);
        workspace.Log.Note("xen rig", $"done; the Linux guest's console (first round): {console}");
        var ours = Quantity.Seconds(Median.Of(timing.Sharprun));
        var linux = Quantity.Seconds(Median.Of(timing.Linux));
        notes.Add("xen: Xen 4.17 (Debian) in QEMU TCG -cpu qemu64,+svm,+npt, Debian Linux dom0; each DomU PVH, one vCPU " +
                  $"(Sharprun 64 MiB, Linux 128 MiB with -append \"{XenBootBenchmark.LinuxCommandLine}\"); timed by dom0 polling the console log; " +
                  "Sharprun's rounds " + string.Join(", ", timing.Sharprun.Select(s => ours with { Value = s }).Select(q => q.Format())) +
                  ", Linux's " + string.Join(", ", timing.Linux.Select(s => linux with { Value = s }).Select(q => q.Format())));
        return [new("xen", $"xl create → first line, PVH DomU, {workspace.Project.Name}", ours, "Debian Linux + busybox initramfs as PVH DomU", linux, null)];
    }
}
