using System;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>A copy of a project's sources (bin/ and obj/ left out) that benchmarks may edit without touching the original.</summary>
public static class ProjectCopy
{
    /// <summary>Brings <paramref name="copy"/> up to date; files whose contents did not change keep their times, so builds stay warm.</summary>
    public static void Sync(string project, string copy)
    {
        foreach (var source in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(project, source);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
                continue;
            string target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            byte[] contents = File.ReadAllBytes(source);
            if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(contents))
                File.WriteAllBytes(target, contents);
        }
    }
}
