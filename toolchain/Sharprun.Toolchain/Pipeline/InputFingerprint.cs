using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// A hash of everything an image is built from: the application's project folder (sources and project files, not
/// bin/, obj/, hidden or *.Tests folders), the build files above it, the kernel and platform sources, the toolchain itself and the build
/// settings, baked environment and <c>--files</c> trees included, and the version of the host's tz database. <c>build</c> and <c>run</c> store it beside the image, with a hash of the image itself, and reuse the
/// image while both match (an image edited or replaced since is rebuilt). Projects referenced from outside the
/// application's folder are not covered.
/// </summary>
public static class InputFingerprint
{
    /// <summary>Files in folders above a project that change how it builds.</summary>
    private static readonly string[] AncestorBuildFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    private static readonly string[] SkippedFolders = ["bin", "obj"];

    public static string FileFor(string image) => image + ".inputs";

    public static string Compute(ProjectLocation project, RepositoryLayout layout, BuildSettings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, "settings", Encoding.UTF8.GetBytes($"{settings.Platform}|{settings.Strip}{(settings.Strict ? "|strict" : "")}"));
        Add(hash, "environment", Encoding.UTF8.GetBytes(Launch.GuestEnvironment.Encode(settings.Environment)));
        foreach (var mapping in settings.Files)
        {
            Add(hash, "files", Encoding.UTF8.GetBytes(mapping.HostDirectory + "\0" + mapping.GuestDirectory));
            AddFolder(hash, mapping.HostDirectory, skipBuildOutput: false);
        }
        // The tz database an image may bake changes with the host's tzdata package, whose version this file names.
        string zoneVersion = Path.Combine(Baking.HostZoneInfo.Directory, "tzdata.zi");
        if (File.Exists(zoneVersion))
            Add(hash, "tzdata", File.ReadAllBytes(zoneVersion));

        AddFolder(hash, project.Directory);
        for (var folder = Directory.GetParent(project.Directory); folder is not null; folder = folder.Parent)
        {
            foreach (var name in AncestorBuildFiles)
            {
                string path = Path.Combine(folder.FullName, name);
                if (File.Exists(path))
                    Add(hash, path, File.ReadAllBytes(path));
            }
        }
        foreach (var folder in layout.KernelSourceFolders(settings.Platform))
            AddFolder(hash, folder);

        // The toolchain's compiled code (linker, stubs, flags) and the pinned compiler version.
        Add(hash, "toolchain", File.ReadAllBytes(typeof(InputFingerprint).Assembly.Location));
        Add(hash, "ilc", Encoding.UTF8.GetBytes(Compilation.IlcPackage.PinnedVersion));

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>True when <paramref name="image"/> is, unchanged, the image built from inputs with this fingerprint.</summary>
    public static bool Matches(string image, string fingerprint)
    {
        string file = FileFor(image);
        if (!File.Exists(image) || !File.Exists(file))
            return false;
        string[] lines = File.ReadAllLines(file);
        return lines.Length == 2 && lines[0] == fingerprint && lines[1] == ImageLine(image);
    }

    /// <summary>Records that <paramref name="image"/>, as it is now, was built from inputs with this fingerprint.</summary>
    public static void Store(string image, string fingerprint) =>
        File.WriteAllText(FileFor(image), fingerprint + "\n" + ImageLine(image) + "\n");

    private static string ImageLine(string image)
    {
        using var stream = File.OpenRead(image);
        return "image " + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void AddFolder(IncrementalHash hash, string root, bool skipBuildOutput = true)
    {
        if (!Directory.Exists(root))
            return;
        foreach (var file in Files(root, skipBuildOutput).Order(StringComparer.Ordinal))
            Add(hash, Path.GetRelativePath(root, file), File.ReadAllBytes(file));
    }

    /// <summary>
    /// The files of a folder; with <paramref name="skipBuildOutput"/> (sources) not those of hidden, bin, obj or test
    /// folders, without it (a <c>--files</c> tree, baked whole) every file, links to folders not followed.
    /// </summary>
    private static IEnumerable<string> Files(string folder, bool skipBuildOutput)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            yield return file;
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            string name = Path.GetFileName(child);
            // Test projects (kernel/Sharprun.Kernel.Tests) run on the host and never go into an image.
            if (skipBuildOutput && (name.StartsWith('.') || SkippedFolders.Contains(name) || name.EndsWith(".Tests", StringComparison.Ordinal)))
                continue;
            if (!skipBuildOutput && new DirectoryInfo(child).LinkTarget is not null)
                continue;
            foreach (var file in Files(child, skipBuildOutput))
                yield return file;
        }
    }

    /// <summary>Each entry is framed by its name and length so that moving bytes between files changes the hash.</summary>
    private static void Add(IncrementalHash hash, string name, byte[] contents)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(name));
        hash.AppendData(BitConverter.GetBytes((long)contents.Length));
        hash.AppendData(contents);
    }
}
