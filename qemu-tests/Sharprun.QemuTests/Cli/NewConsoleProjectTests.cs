using System;
using System.Diagnostics;
using System.IO;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary>
/// A stock <c>dotnet new console</c> project (the SDK's own template, available offline) builds and runs with no
/// edits, and <c>build</c> notes once that such a project, which does not declare invariant globalization, gets it.
/// </summary>
public sealed class NewConsoleProjectTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-new-console-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheTemplateRunsUnedited()
    {
        string project = Path.Combine(_folder, "app");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "new", "console", "-o", project })
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);
        using (var process = Process.Start(start)!)
        {
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(Limit), "dotnet new console did not finish");
            Assert.True(process.ExitCode == 0, output);
        }

        var result = SharprunProcess.Run(Limit, "run", project, "--timeout", "240");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Hello, World!\n", result.Output);
        Assert.Single(result.Error.Split('\n'), line => line.Contains("images always run in .NET's invariant globalization mode"));
    }
}
