using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The reference build: the same program published with NativeAOT for linux-x64. It works on a copy of the
/// project under the cache, because a <c>-r linux-x64</c> restore in the project itself would flip its
/// obj/project.assets.json back and forth with Sharprun's own build and make both look cold. A variant (its own
/// folder) publishes with extra MSBuild properties, e.g. for a Linux guest that has no ICU.
/// </summary>
public sealed class NativeAotReference
{
    private readonly string _project;
    private readonly string _name;
    private readonly IReadOnlyList<string> _properties;

    /// <param name="variant">Null for the default build, else a folder name for a build with <paramref name="properties"/>.</param>
    /// <param name="properties">Extra <c>-p:Name=Value</c> arguments for <c>dotnet publish</c>.</param>
    public NativeAotReference(string projectFile, string cacheDirectory, string? variant = null, IReadOnlyList<string>? properties = null)
    {
        _project = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        _name = Path.GetFileNameWithoutExtension(projectFile);
        _properties = properties ?? [];
        string folder = variant is null ? _name : $"{_name}-{variant}";
        SourceDirectory = Path.Combine(cacheDirectory, "nativeaot", folder, "src");
        OutputDirectory = Path.Combine(cacheDirectory, "nativeaot", folder, "publish");
    }

    public string SourceDirectory { get; }

    public string OutputDirectory { get; }

    /// <summary>The published executable (NativeAOT's default publish moves its symbols to a .dbg beside it).</summary>
    public string Binary => Path.Combine(OutputDirectory, _name);

    public string DebugSymbols => Binary + ".dbg";

    /// <summary>Brings the copy up to date; files whose contents did not change keep their times, so builds stay warm.</summary>
    public void SyncSources() => ProjectCopy.Sync(_project, SourceDirectory);

    /// <summary>Runs <c>dotnet publish -r linux-x64 -p:PublishAot=true -c Release</c> and returns how long it took.</summary>
    public TimeSpan Publish()
    {
        string project = Directory.GetFiles(SourceDirectory, "*.csproj").Single();
        var clock = Stopwatch.StartNew();
        var result = ToolProcess.Run("dotnet",
            ["publish", project, "-r", "linux-x64", "-p:PublishAot=true", .. _properties, "-c", "Release", "-o", OutputDirectory, "-nologo"],
            SourceDirectory, echo: null);
        var elapsed = clock.Elapsed;
        if (result.ExitCode != 0)
        {
            var lines = result.Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(5);
            throw new BenchmarkPrerequisiteException(
                "NativeAOT publish failed (it needs clang or gcc and zlib1g-dev on the host): " + string.Join(" / ", lines.Select(l => l.Trim())));
        }
        if (!File.Exists(Binary))
            throw new ToolchainException($"NativeAOT publish succeeded but {Binary} is missing");
        return elapsed;
    }
}
