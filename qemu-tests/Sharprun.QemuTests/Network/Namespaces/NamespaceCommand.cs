using System.Diagnostics;

namespace Sharprun.QemuTests.Network.Namespaces;

/// <summary>Runs a host tool to its end with a time limit and collects what it printed and its exit code.</summary>
public static class NamespaceCommand
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static Result Run(TimeSpan limit, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{string.Join(' ', command)} did not finish within {limit}:\n--- stdout\n{output.Result}\n--- stderr\n{error.Result}");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the command and returns its standard output; fails with everything it printed when it fails.</summary>
    public static string Check(TimeSpan limit, IReadOnlyList<string> command)
    {
        var result = Run(limit, command);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} failed: {result}");
        return result.Output;
    }
}
