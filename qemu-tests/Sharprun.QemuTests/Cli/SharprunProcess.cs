using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.QemuTests.Cli;

/// <summary>Runs the real <c>sharprun</c> script of this checkout and collects what it printed and its exit code.</summary>
public static class SharprunProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string InRepository(string relative) => Path.Combine(RepositoryRoot, relative);

    public static Result Run(TimeSpan limit, params string[] arguments) => RunWithInput(limit, "", arguments);

    /// <summary>Runs sharprun with <paramref name="input"/> on its standard input, which then ends.</summary>
    public static Result RunWithInput(TimeSpan limit, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot, "sharprun"))
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings must not leak into the builds sharprun starts.
        ToolProcess.RemoveInheritedBuildVariables(start);

        using var lease = GuestConcurrency.Alongside();
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sharprun {string.Join(' ', arguments)} did not finish within {limit}");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "sharprun")) && File.Exists(Path.Combine(folder.FullName, "Sharprun.slnx")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no Sharprun checkout above {AppContext.BaseDirectory}");
    }
}
