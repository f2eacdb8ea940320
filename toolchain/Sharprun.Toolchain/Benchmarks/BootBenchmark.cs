using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Boot time under QEMU TCG, from QEMU's start to the first line on COM1, against the floor (a PVH kernel that
/// only prints a line, target: at most twice as slow) and against a Debian Linux guest (no target).
/// </summary>
public static class BootBenchmark
{
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var timer = new BootTimer(qemu);
        string name = workspace.Project.Name;

        var ours = new BootGuest($"Sharprun {name}", workspace.Image(strip: false), null, null, Marker: null, TimeSpan.FromSeconds(60));
        string floorImage = Path.Combine(workspace.WorkDirectory, "floor-kernel.elf");
        File.WriteAllBytes(floorImage, FloorKernel.Build());
        var floor = new BootGuest("floor kernel", floorImage, null, null, FloorKernel.Marker, TimeSpan.FromSeconds(60));

        var guests = new List<BootGuest> { ours, floor };
        BootGuest? linux = null;
        try
        {
            linux = LinuxGuest.Prepare(workspace);
            guests.Add(linux);
        }
        catch (BenchmarkPrerequisiteException e)
        {
            notes.Add($"boot: Linux guest skipped: {e.Message}");
        }

        var rounds = workspace.Rounds("boot", () => guests.ToDictionary(g => g, timer.Boot));
        var timings = guests.ToDictionary(g => g, g => rounds.Select(r => r[g]).ToList());

        Quantity ToMarker(BootGuest g) => Quantity.Seconds(Median.Of(timings[g].Select(t => t.ToMarker.TotalSeconds)));
        Quantity ToExit(BootGuest g) => Quantity.Seconds(Median.Of(timings[g].Select(t => t.ToExit.TotalSeconds)));

        var results = new List<BenchmarkResult>
        {
            new("boot", $"QEMU start → first line on COM1, {name}", ToMarker(ours), "floor PVH kernel", ToMarker(floor), 2.0),
        };
        if (linux is not null)
            results.Add(new("boot", $"QEMU start → first line on COM1, {name}", ToMarker(ours), linux.Name + " + busybox initramfs", ToMarker(linux), null));
        results.Add(new("boot", $"QEMU start → QEMU exit, {name}", ToExit(ours), "floor PVH kernel", ToExit(floor), null));
        if (linux is not null)
            results.Add(new("boot", $"QEMU start → QEMU exit, {name}", ToExit(ours), linux.Name + " + busybox initramfs", ToExit(linux), null));
        string version = ToolProcess.Run(qemu, ["--version"], workspace.WorkDirectory, echo: null).Output.Split('\n')[0].Trim();
        notes.Add($"boot: {version}; " + string.Join(' ', BootGuest.CommonFlags) + " -nodefaults -serial stdio -device isa-debug-exit for every guest; " +
                  $"Linux with -append \"{LinuxGuest.CommandLine}\"");
        return results;
    }
}
