using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Warm build time: <c>sharprun build</c> against <c>dotnet publish -p:PublishAot=true</c> of the same program
/// (target: at most 1.5×), both after an unmeasured first build and both on copies of the project, which this
/// benchmark edits. Measured twice: with nothing changed (MSBuild may skip NativeAOT's compile and link then;
/// sharprun build finds its image up to date from a hash of its inputs and skips everything) and right after a
/// comment was appended to the sources, which makes both compile and link again (a changed modification time
/// alone does not: sharprun hashes contents).
/// </summary>
public static class BuildBenchmark
{
    private const double Target = 1.5;

    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        string image = Path.Combine(workspace.WorkDirectory, workspace.Project.Name + ".build.elf");
        string ourSources = Path.Combine(workspace.WorkDirectory, "build-src");
        ProjectCopy.Sync(workspace.Project.Directory, ourSources);
        var ours = new SharprunBuild(workspace.Layout, ourSources);
        var reference = workspace.Reference;
        reference.SyncSources();

        // The first round is unmeasured: it leaves both tools warm, with their outputs up to date.
        var rounds = workspace.Rounds("build", () =>
        {
            double oursUnchanged = ours.Build(image, strip: false).TotalSeconds;
            double theirsUnchanged = reference.Publish().TotalSeconds;
            Edit(ourSources);
            double oursEdited = ours.Build(image, strip: false).TotalSeconds;
            Edit(reference.SourceDirectory);
            double theirsEdited = reference.Publish().TotalSeconds;
            return (OursUnchanged: oursUnchanged, TheirsUnchanged: theirsUnchanged, OursEdited: oursEdited, TheirsEdited: theirsEdited);
        });
        var oursUnchanged = rounds.Select(r => r.OursUnchanged);
        var theirsUnchanged = rounds.Select(r => r.TheirsUnchanged);
        var oursEdited = rounds.Select(r => r.OursEdited);
        var theirsEdited = rounds.Select(r => r.TheirsEdited);

        const string ReferenceName = "dotnet publish -r linux-x64 -p:PublishAot=true";
        string name = workspace.Project.Name;
        notes.Add("build: times include starting the tools (the sharprun script and its CLI; the dotnet CLI); " +
                  "'sources edited' appends a comment line to each of the project's .cs files (in copies of the project)");
        return
        [
            new("build", $"warm build of {name}, nothing changed", Quantity.Seconds(Median.Of(oursUnchanged)), ReferenceName, Quantity.Seconds(Median.Of(theirsUnchanged)), Target),
            new("build", $"warm build of {name}, sources edited", Quantity.Seconds(Median.Of(oursEdited)), ReferenceName, Quantity.Seconds(Median.Of(theirsEdited)), Target),
        ];
    }

    /// <summary>Changes the project's C# sources the smallest way that still changes their contents.</summary>
    private static void Edit(string projectDirectory)
    {
        foreach (var source in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
                     .Where(p => !Path.GetRelativePath(projectDirectory, p).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            File.AppendAllText(source, "// edited by sharprun bench\n");
        }
    }
}
