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
/// <param name="ProjectDirectory">The project's own folder, which the image is built from.</param>
public sealed record ComparedProgram(BenchmarkWorkspace Workspace, string Name, string Image, string ReferenceBinary, string Directory, string ProjectDirectory)
{
    /// <summary>Builds the image and publishes the reference of the project in <paramref name="projectDirectory"/>.</summary>
    public static ComparedProgram Prepare(BenchmarkWorkspace workspace, string projectDirectory)
    {
        var program = PrepareReference(workspace, projectDirectory);
        program.BuildImage();
        return program;
    }

    /// <summary>
    /// Publishes the reference only; <see cref="BuildImage"/> then builds the image, for a section that still
    /// measures the reference when the image cannot be built.
    /// </summary>
    public static ComparedProgram PrepareReference(BenchmarkWorkspace workspace, string projectDirectory)
    {
        var project = ProjectLocation.Resolve(projectDirectory, BenchmarkOptions.CommandName);
        string directory = System.IO.Directory.CreateDirectory(Path.Combine(workspace.CacheDirectory, "work", project.Name + "-section")).FullName;
        var reference = new NativeAotReference(project.ProjectFile, workspace.CacheDirectory, "linux-guest", ["-p:InvariantGlobalization=true"]);
        reference.SyncSources();
        workspace.Log.Step($"aot publish {project.Name}", () => reference.Publish());
        return new ComparedProgram(workspace, project.Name, Path.Combine(directory, project.Name + ".elf"), reference.Binary, directory, project.Directory);
    }

    public void BuildImage() =>
        Workspace.Log.Step($"build {Name} image", () => new SharprunBuild(Workspace.Layout, ProjectDirectory).Build(Image, strip: false));

    public SharprunGuest Ours(int memoryMiB, TimeSpan timeout) => new($"Sharprun {Name} image", Image, memoryMiB, timeout);

    /// <summary>
    /// The Linux guest that runs the reference with <paramref name="arguments"/> (an initramfs named <paramref name="archive"/>),
    /// with the host's copies of <paramref name="loadedAtRunTime"/>, the libraries the program dlopens, and with
    /// <paramref name="network"/> its NIC's driver and address, with <paramref name="diskMountPoint"/> its first disk
    /// mounted there (see <see cref="LinuxGuest.PrepareProgram"/>).
    /// </summary>
    public BootGuest InLinux(string archive, string[] arguments, int memoryMiB, TimeSpan timeout, IReadOnlyList<string>? loadedAtRunTime = null, bool network = false, string? diskMountPoint = null) =>
        LinuxGuest.PrepareProgram(Workspace, ReferenceBinary, arguments, Path.Combine(Directory, archive + ".cpio.gz"), memoryMiB, timeout, loadedAtRunTime ?? [], network, diskMountPoint);
}
