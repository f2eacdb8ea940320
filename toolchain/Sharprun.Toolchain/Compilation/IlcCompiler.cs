using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Compilation;

/// <summary>Runs ILC on an application with a response file written beside the object it produces.</summary>
public static class IlcCompiler
{
    /// <summary>The response file's lines: the input, the output, every reference, then <see cref="IlcFlags"/>.</summary>
    public static IReadOnlyList<string> ResponseFile(IlcPackage package, IlcInputs inputs)
    {
        var lines = new List<string> { Quote(inputs.Application), Quote("-o:" + inputs.Object), Quote("--mstat:" + MethodStatistics(inputs.Object)) };
        foreach (var reference in References(package, inputs))
            lines.Add(Quote("-r:" + reference));
        lines.AddRange(IlcFlags.Fixed());
        lines.AddRange(IlcFlags.ProjectOptions(inputs.ProjectRuntimeOptions));
        foreach (var library in inputs.KernelLibraries)
            lines.Add("--generateunmanagedentrypoints:" + library.Assembly);
        // Trimming warnings of the application itself are shown one by one, the rest summarized per assembly.
        lines.Add("--nosinglewarnassembly:" + Path.GetFileNameWithoutExtension(inputs.Application));
        return lines;
    }

    /// <summary>ILC's list of what it compiled (--mstat), beside the object; see <see cref="Inspection.CompiledMethods"/>.</summary>
    public static string MethodStatistics(string objectPath) => Path.ChangeExtension(objectPath, ".mstat");

    public static void Compile(IlcPackage package, IlcInputs inputs, StepLog log)
    {
        string responseFile = Path.ChangeExtension(inputs.Object, ".ilc.rsp");
        Directory.CreateDirectory(Path.GetDirectoryName(inputs.Object)!);
        File.Delete(inputs.Object);
        File.WriteAllLines(responseFile, ResponseFile(package, inputs));

        var result = ToolProcess.Run(package.Compiler, ["@" + responseFile], Path.GetDirectoryName(inputs.Object)!, log.Echo);
        if (result.ExitCode != 0 || !File.Exists(inputs.Object))
        {
            throw new ToolchainException(
                $"ILC failed (exit code {result.ExitCode}; response file {responseFile}):\n{result.Output.TrimEnd()}");
        }
    }

    /// <summary>
    /// References by simple name, first one wins: CoreLib and its private companions, the kernel and platform,
    /// the application's own dependencies (which may carry a newer copy of a framework assembly), the shared frameworks.
    /// </summary>
    private static IEnumerable<string> References(IlcPackage package, IlcInputs inputs)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Path.GetFileName(inputs.Application) };
        var candidates = Dlls(package.SdkDirectory)
            .Concat(inputs.KernelAssemblies)
            .Concat(inputs.ApplicationDependencies)
            .Concat(inputs.FrameworkDirectories.SelectMany(Dlls));
        foreach (var candidate in candidates)
        {
            if (seen.Add(Path.GetFileName(candidate)))
                yield return candidate;
        }
    }

    private static IEnumerable<string> Dlls(string directory) =>
        Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal);

    private static string Quote(string token) =>
        token.Any(c => char.IsWhiteSpace(c) || c == '"') ? "\"" + token.Replace("\"", "\\\"") + "\"" : token;
}
