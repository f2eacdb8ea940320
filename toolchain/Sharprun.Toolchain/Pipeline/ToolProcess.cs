using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>Runs an external tool (dotnet, ilc) to completion, capturing its output or echoing it live.</summary>
public static class ToolProcess
{
    /// <summary>
    /// MSBuild variables that a parent build (e.g. <c>dotnet test</c> running our CLI) leaves in the environment;
    /// inherited by a child <c>dotnet build</c> they point it at the wrong SDK pieces.
    /// </summary>
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE"];

    /// <summary>Keeps a parent build's MSBuild settings out of a process that may run <c>dotnet build</c>.</summary>
    public static void RemoveInheritedBuildVariables(ProcessStartInfo start)
    {
        foreach (var variable in InheritedBuildVariables)
            start.Environment.Remove(variable);
    }

    /// <summary>The tool's exit code and everything it printed (stdout and stderr interleaved as received).</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <param name="echo">Where to copy the output live (verbose mode), or null to only capture it.</param>
    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, System.IO.TextWriter? echo)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        RemoveInheritedBuildVariables(start);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        void Receive(string? line)
        {
            if (line is null)
                return;
            lock (output)
            {
                output.AppendLine(line);
                echo?.WriteLine(line);
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolchainException($"cannot start '{fileName}': {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }
}
