using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary>
/// build.ps1 is a thin wrapper over the CLI: whatever it is given reaches sharprun unchanged, and sharprun's output
/// and exit code come back unchanged.
/// </summary>
public sealed class BuildScriptTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-ps1-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SharprunProcess.Result RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo(PowerShell.Locate()!)
        {
            WorkingDirectory = SharprunProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File", SharprunProcess.InRepository("build.ps1") })
            start.ArgumentList.Add(argument);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"build.ps1 {string.Join(' ', arguments)} did not finish within {Limit}");
        }
        return new SharprunProcess.Result(process.ExitCode, output.Result, error.Result);
    }

    [PowerShellFact]
    public void HelpIsTheClis()
    {
        var script = RunScript("--help");
        var cli = SharprunProcess.Run(Limit, "--help");
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.Equal(cli.Output, script.Output);
    }

    [PowerShellFact]
    public void UsageErrorsKeepTheirMessageAndExitCode()
    {
        var script = RunScript("build", "qemu-tests/Projects/DoesNotExist");
        Assert.Equal(2, script.ExitCode);
        Assert.Contains("no such project: 'qemu-tests/Projects/DoesNotExist'", script.Error);
    }

    [PowerShellFact]
    public void RunPassesOptionsThroughAndTheGuestsOutputAndExitCodeBack()
    {
        string image = new TinyGuestImage().Stdout("from the guest\n").KernelLog("@@sharprun-exit 42\n").PowerOff()
            .Save(Path.Combine(_folder, "guest.elf"));
        var script = RunScript("run", image, "--timeout", "60");
        Assert.Equal(42, script.ExitCode);
        Assert.Equal("from the guest\n", script.Output);
    }
}
