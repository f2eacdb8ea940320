using System.Collections.Concurrent;
using System.Diagnostics;
using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// The reference a guest must match: the same project compiled with NativeAOT for linux-x64 and run
/// on the host (published once per test run).
/// </summary>
public static class NativeAotReference
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Binaries = new();
    private static readonly string Folder = Directory.CreateTempSubdirectory("sharprun-reference-").FullName;

    public static SharprunProcess.Result Run(string name, params string[] arguments) => RunIn(null, name, arguments);

    /// <summary>Runs with exactly <paramref name="environment"/> (nothing inherited), as a guest booted with the same variables has.</summary>
    public static SharprunProcess.Result RunWithOnly(IReadOnlyDictionary<string, string> environment, string name, params string[] arguments) =>
        RunIn(environment, name, arguments);

    private static SharprunProcess.Result RunIn(IReadOnlyDictionary<string, string>? environment, string name, string[] arguments)
    {
        string binary = Binary(name);
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (key, value) in environment)
                start.Environment[key] = value;
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var lease = GuestConcurrency.Alongside();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            throw new TimeoutException($"reference {name} did not finish");
        }
        return new SharprunProcess.Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The NativeAOT executable of qemu-tests/Images/<paramref name="name"/>, beside its published content; published on first use.</summary>
    public static string Binary(string name) => Binaries.GetOrAdd(name, n => new Lazy<string>(() => Publish(n))).Value;

    private static string Publish(string name)
    {
        string output = Path.Combine(Folder, name);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", SharprunProcess.InRepository($"qemu-tests/Images/{name}"), "-r", "linux-x64", "-c", "Release",
                     "-p:PublishAot=true", "-o", output })
            start.ArgumentList.Add(argument);
        ToolProcess.RemoveInheritedBuildVariables(start);
        using var lease = GuestConcurrency.Alongside();
        using var process = Process.Start(start)!;
        string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"publishing the NativeAOT reference of {name} failed:\n{log}");
        return Path.Combine(output, name);
    }
}
