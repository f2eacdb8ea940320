using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary><c>sharprun run --on xen</c> end to end (output while the guest runs, input with -i), and the platform check of <c>run</c>.</summary>
public sealed class RunOnXenTests
{
    [Fact]
    public void RunOnXenPrintsTheGuestsOutputAndReturnsItsExitCode()
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(10), "run", "--on", "xen", XenGuestImages.Get("qemu-tests/Images/faults"), "--", "exit");
        Assert.Equal("exiting with 42\n", result.Output);
        Assert.Equal(42, result.ExitCode);
    }

    /// <summary>
    /// dom0 forwards the console while the guest runs: a line printed before an 8 s sleep reaches sharprun's stdout
    /// long before the guest (and sharprun) ends, and the line after it follows in order.
    /// </summary>
    [Fact]
    public void RunOnXenShowsOutputWhileTheGuestRuns()
    {
        const int sleepMilliseconds = 8000;
        var start = new ProcessStartInfo(SharprunProcess.InRepository("sharprun"))
        {
            WorkingDirectory = SharprunProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--on", "xen", XenGuestImages.Get("qemu-tests/Images/threads"), "--", "idle", sleepMilliseconds.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);

        using var lease = GuestConcurrency.Alongside();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var clock = Stopwatch.StartNew();
        var lines = new List<(string Line, TimeSpan At)>();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                lock (lines)
                    lines.Add((line, clock.Elapsed));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
                error.Append(e.Data).Append('\n');
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sharprun run --on xen did not finish within 10 minutes");
        }
        var exited = clock.Elapsed;
        // Returns once both streams have reached their end and their last lines have been handled.
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        Assert.Equal(["idle: start", "idle: end"], lines.Select(l => l.Line));
        var early = exited - lines[0].At;
        Assert.True(early >= TimeSpan.FromSeconds(5), $"the first line arrived only {early.TotalSeconds:0.0} s before sharprun exited");
        Assert.True(lines[1].At - lines[0].At >= TimeSpan.FromSeconds(5), "the guest's sleep does not separate its two lines");
    }

    /// <summary>run -i on Xen: sharprun's input reaches the DomU's console through dom0, its end is the guest's end of input.</summary>
    [Fact]
    public void RunOnXenInteractiveFeedsTheGuestsInput()
    {
        var result = SharprunProcess.RunWithInput(TimeSpan.FromMinutes(10), "one\nsecond line, ünï\n",
            "run", "--on", "xen", "-i", XenGuestImages.Get("qemu-tests/Images/threads"), "--", "echo");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("echo: one\necho: second line, ünï\necho: end of input\n", result.Output);
    }

    [Fact]
    public void RunRefusesAXenImageOnQemu()
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(5), "run", XenGuestImages.Get("images/hello"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was built for platform 'xen'", result.Error);
        Assert.Contains("--on xen", result.Error);
    }
}
