using System.Diagnostics;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Threading;

/// <summary>
/// An idle guest halts instead of spinning: while the program sleeps for 5 s, QEMU (TCG) uses under 5% of a host
/// core, measured from the QEMU process's own CPU time in /proc.
/// </summary>
public sealed class IdleTests
{
    private const int SleepMilliseconds = 5000;

    [Fact]
    public void AGuestSleepingFiveSecondsUsesUnderFivePercentOfACore()
    {
        var start = new ProcessStartInfo(Path.Combine(SharprunProcess.RepositoryRoot, "sharprun"))
        {
            WorkingDirectory = SharprunProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", GuestImages.Get("threads"), "--timeout", "120", "--", "idle", SleepMilliseconds.ToString() })
            start.ArgumentList.Add(argument);
        using var lease = GuestConcurrency.Alongside();
        using var process = Process.Start(start)!;
        // Drained, so that a chatty stderr cannot block the launcher.
        process.BeginErrorReadLine();
        try
        {
            WaitForLine(process, "idle: start");
            int qemu = FindQemu(process.Id) ?? throw new InvalidOperationException("no qemu process under sharprun");
            var wall = Stopwatch.StartNew();
            long before = CpuTicks(qemu);
            WaitForLine(process, "idle: end");
            long after = CpuTicks(qemu);
            double seconds = wall.Elapsed.TotalSeconds;
            double share = (after - before) / 100.0 / seconds;
            Assert.True(seconds >= SleepMilliseconds / 1000.0 * 0.9, $"the sleep took only {seconds:F2} s");
            Assert.True(share < 0.05, $"QEMU used {share:P1} of a core over {seconds:F2} s of guest sleep");
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static void WaitForLine(Process process, string expected)
    {
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
        {
            if (line == expected)
                return;
        }
        throw new InvalidOperationException($"the guest ended before printing '{expected}'");
    }

    /// <summary>The qemu-system process among <paramref name="root"/>'s descendants.</summary>
    private static int? FindQemu(int root)
    {
        var pending = new Queue<int>([root]);
        while (pending.Count > 0)
        {
            int pid = pending.Dequeue();
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                string children = File.ReadAllText(Path.Combine(task, "children"));
                foreach (string child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    int childPid = int.Parse(child);
                    if (File.ReadAllText($"/proc/{childPid}/comm").StartsWith("qemu-system", StringComparison.Ordinal))
                        return childPid;
                    pending.Enqueue(childPid);
                }
            }
        }
        return null;
    }

    /// <summary>utime + stime of a process, in clock ticks (USER_HZ, 100 per second on Linux).</summary>
    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
