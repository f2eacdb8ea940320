using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Memory figures of the project's image under QEMU TCG: the smallest <c>-m</c> (whole MiB, QEMU's granularity)
/// it boots with, found by bisection (target: at most 8 MiB); and boot time to the first line at <c>-m 2048</c>
/// against <c>-m 64</c> (target: at most 10% slower, since nothing at boot should grow with memory size).
/// </summary>
public static class MemoryBenchmark
{
    public const int TargetSmallestMiB = 8;
    public const int SmallMemoryMiB = 64;
    public const int LargeMemoryMiB = 2048;
    public const double LargeMemoryTargetRatio = 1.1;

    /// <summary>Bisection bounds: the image must boot at the upper one; QEMU refuses nothing above 0.</summary>
    private const int SearchLowestMiB = 1;
    private const int SearchHighestMiB = 256;

    /// <summary>A probe that has not printed and exited by then counts as not booting (a guest short of memory may hang).</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string qemu = HostExecutable.Locate("qemu-system-x86_64", "apt-get install qemu-system-x86");
        var timer = new BootTimer(qemu);
        string name = workspace.Project.Name;
        string image = workspace.Image(strip: false);
        BootGuest Guest(int memoryMiB, TimeSpan timeout) =>
            new($"Sharprun {name} at -m {memoryMiB}", image, null, null, Marker: null, timeout, memoryMiB);

        int smallest = workspace.Log.Step("bisect -m", () => SmallestBootingMemory(timer, m => Guest(m, ProbeTimeout)));

        var small = Guest(SmallMemoryMiB, TimeSpan.FromSeconds(60));
        var large = Guest(LargeMemoryMiB, TimeSpan.FromSeconds(60));
        var rounds = workspace.Rounds("memory", () => (Small: timer.Boot(small), Large: timer.Boot(large)));
        Quantity ToMarker(Func<(BootTiming Small, BootTiming Large), BootTiming> guest) =>
            Quantity.Seconds(Median.Of(rounds.Select(r => guest(r).ToMarker.TotalSeconds)));

        notes.Add($"memory: smallest -m by bisection between {SearchLowestMiB} and {SearchHighestMiB} MiB, one boot per probe " +
                  $"(a probe boots when the first line arrives and QEMU exits within {ProbeTimeout.TotalSeconds:0} s); " +
                  "boot times use the boot section's QEMU flags with only -m changed");
        return
        [
            new("memory", $"smallest -m that boots {name}", Quantity.Bytes((long)smallest << 20), "target", Quantity.Bytes((long)TargetSmallestMiB << 20), 1.0),
            new("memory", $"QEMU start → first line on COM1, {name}, -m {LargeMemoryMiB}", ToMarker(r => r.Large), $"same image at -m {SmallMemoryMiB}", ToMarker(r => r.Small), LargeMemoryTargetRatio),
        ];
    }

    /// <summary>The smallest memory size in MiB that boots, assuming that more memory never stops a boot.</summary>
    private static int SmallestBootingMemory(BootTimer timer, Func<int, BootGuest> guest)
    {
        if (!Boots(timer, guest(SearchHighestMiB)))
            throw new ToolchainException($"the image does not boot even with -m {SearchHighestMiB}");
        int failing = SearchLowestMiB - 1;
        int booting = SearchHighestMiB;
        while (booting - failing > 1)
        {
            int middle = failing + (booting - failing) / 2;
            if (Boots(timer, guest(middle)))
                booting = middle;
            else
                failing = middle;
        }
        return booting;
    }

    private static bool Boots(BootTimer timer, BootGuest guest)
    {
        try
        {
            timer.Boot(guest);
            return true;
        }
        catch (ToolchainException)
        {
            return false;
        }
    }
}
