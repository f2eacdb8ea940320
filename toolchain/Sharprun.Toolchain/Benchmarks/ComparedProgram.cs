using System;
using System.Collections.Generic;
using System.IO;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A benchmark program made ready for both guests of a comparison: Sharprun's image of it, and the same project
/// published with NativeAOT for linux-x64 to run inside the Linux guest (with invariant globalization, as Sharprun
/// images use it and the Linux guest has no ICU).
/// </summary>
/// <param name="Directory">Where the image and the Linux guests' initramfs archives go.</param>
public sealed record ComparedProgram(BenchmarkWorkspace Workspace, string Name, string Image, string ReferenceBinary, string Directory)
{
    /// <summary>Builds the image and publishes the reference of the project in <paramref name="projectDirectory"/>.</summary>
    public static ComparedProgram Prepare(BenchmarkWorkspace workspace, string projectDirectory)
    {
        var project = ProjectLocation.Resolve(projectDirectory, BenchmarkOptions.CommandName);
        string directory = System.IO.Directory.CreateDirectory(Path.Combine(workspace.CacheDirectory, "work", project.Name + "-section")).FullName;
        string image = Path.Combine(directory, project.Name + ".elf");
        workspace.Log.Step($"build {project.Name} image", () => new SharprunBuild(workspace.Layout, project.Directory).Build(image, strip: false));
        var reference = new NativeAotReference(project.ProjectFile, workspace.CacheDirectory, "linux-guest", ["-p:InvariantGlobalization=true"]);
        reference.SyncSources();
        workspace.Log.Step($"aot publish {project.Name}", () => reference.Publish());
        return new ComparedProgram(workspace, project.Name, image, reference.Binary, directory);
    }

    public SharprunGuest Ours(int memoryMiB, TimeSpan timeout) => new($"Sharprun {Name} image", Image, memoryMiB, timeout);

    /// <summary>
    /// The Linux guest that runs the reference with <paramref name="arguments"/> (an initramfs named <paramref name="archive"/>),
    /// with the host's copies of <paramref name="loadedAtRunTime"/>, the libraries the program dlopens.
    /// </summary>
    public BootGuest InLinux(string archive, string[] arguments, int memoryMiB, TimeSpan timeout, IReadOnlyList<string>? loadedAtRunTime = null) =>
        LinuxGuest.PrepareProgram(Workspace, ReferenceBinary, arguments, Path.Combine(Directory, archive + ".cpio.gz"), memoryMiB, timeout, loadedAtRunTime ?? []);
}
