using System.Collections.Concurrent;
using Sharprun.QemuTests.Cli;

namespace Sharprun.QemuTests.Xen;

/// <summary>Test images built with <c>--platform xen</c>, once per test run (with the real CLI).</summary>
public static class XenGuestImages
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Images = new();
    private static readonly string Folder = Directory.CreateTempSubdirectory("sharprun-xen-images-").FullName;

    /// <summary>The Xen image of <paramref name="project"/> (a folder relative to the repository root).</summary>
    public static string Get(string project) => Images.GetOrAdd(project, p => new Lazy<string>(() => Build(p))).Value;

    private static string Build(string project)
    {
        string image = Path.Combine(Folder, Path.GetFileName(project) + ".elf");
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", SharprunProcess.InRepository(project), "--platform", "xen", "-o", image);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"building the Xen image of {project} failed:\n{result}");
        return image;
    }
}
