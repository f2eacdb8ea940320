using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Warm build time: <c>sharprun build</c> against <c>dotnet publish -p:PublishAot=true</c> of the same program
/// (target: at most 1.5×), both after an unmeasured first build. Measured twice: with nothing changed (MSBuild
/// may skip NativeAOT's compile and link then; sharprun build finds its image up to date and skips everything after
/// hashing its inputs) and right after the sources were touched, which makes both compile again.
/// </summary>
public static class BuildBenchmark
{
    private const double Target = 1.5;

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string image = Path.Combine(workspace.WorkDirectory, workspace.Project.Name + ".build.elf");
        var reference = workspace.Reference;
        reference.SyncSources();

        workspace.Log.Step("build warm-up", () =>
        {
            workspace.Builder.Build(image, strip: false);
            reference.Publish();
        });

        var oursUnchanged = new List<double>();
        var theirsUnchanged = new List<double>();
        var oursTouched = new List<double>();
        var theirsTouched = new List<double>();
        for (int run = 1; run <= workspace.Runs; run++)
        {
            workspace.Log.Step($"build run {run}/{workspace.Runs}", () =>
            {
                oursUnchanged.Add(workspace.Builder.Build(image, strip: false).TotalSeconds);
                theirsUnchanged.Add(reference.Publish().TotalSeconds);
                Touch(workspace.Project.Directory);
                oursTouched.Add(workspace.Builder.Build(image, strip: false).TotalSeconds);
                Touch(reference.SourceDirectory);
                theirsTouched.Add(reference.Publish().TotalSeconds);
            });
        }

        const string ReferenceName = "dotnet publish -r linux-x64 -p:PublishAot=true";
        string name = workspace.Project.Name;
        notes.Add("build: times include starting the tools (the sharprun script and its CLI; the dotnet CLI); " +
                  "'sources touched' sets the modification time of the project's .cs files to now, contents unchanged");
        return
        [
            new("build", $"warm build of {name}, nothing changed", Quantity.Seconds(Median.Of(oursUnchanged)), ReferenceName, Quantity.Seconds(Median.Of(theirsUnchanged)), Target),
            new("build", $"warm build of {name}, sources touched", Quantity.Seconds(Median.Of(oursTouched)), ReferenceName, Quantity.Seconds(Median.Of(theirsTouched)), Target),
        ];
    }

    /// <summary>Marks the project's C# sources as modified, as an editor save would, without changing them.</summary>
    private static void Touch(string projectDirectory)
    {
        var now = DateTime.UtcNow;
        foreach (var source in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
                     .Where(p => !Path.GetRelativePath(projectDirectory, p).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            File.SetLastWriteTimeUtc(source, now);
        }
    }
}
