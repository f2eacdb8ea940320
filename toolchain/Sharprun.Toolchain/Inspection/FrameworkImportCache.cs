using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Compilation;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The <see cref="FrameworkImportCatalogue"/> of a runtime pack version, kept in
/// $XDG_CACHE_HOME/sharprun/framework-imports/&lt;version&gt;.tsv (else ~/.cache/...): reading the 170-odd
/// framework assemblies takes seconds, and a pinned runtime pack never changes. One line per entry point:
/// entry point, library, declaring assemblies separated by commas.
/// </summary>
public static class FrameworkImportCache
{
    public static FrameworkImportCatalogue Load(IlcPackage package) => Load(package.Version, FrameworkAssemblies(package), CacheDirectory());

    /// <summary>The catalogue cached in <paramref name="directory"/> for <paramref name="version"/>, read from <paramref name="assemblies"/> and cached when absent or unreadable.</summary>
    public static FrameworkImportCatalogue Load(string version, IEnumerable<string> assemblies, string directory)
    {
        string path = Path.Combine(directory, version + ".tsv");
        if (File.Exists(path) && Parse(File.ReadAllLines(path)) is { } cached)
            return cached;
        var catalogue = FrameworkImportCatalogue.Read(assemblies);
        Directory.CreateDirectory(directory);
        // Written beside and renamed, so a concurrent build never reads half a file.
        string temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllLines(temporary, Format(catalogue));
        File.Move(temporary, path, overwrite: true);
        return catalogue;
    }

    /// <summary>CoreLib and its companions, then the framework: every assembly the application can be compiled with.</summary>
    public static IEnumerable<string> FrameworkAssemblies(IlcPackage package) =>
        Directory.GetFiles(package.SdkDirectory, "*.dll").Concat(Directory.GetFiles(package.FrameworkDirectory, "*.dll")).Order(StringComparer.Ordinal);

    public static IEnumerable<string> Format(FrameworkImportCatalogue catalogue) =>
        catalogue.Imports.OrderBy(i => i.EntryPoint, StringComparer.Ordinal)
            .Select(i => $"{i.EntryPoint}\t{i.Library}\t{string.Join(',', i.Assemblies)}");

    /// <summary>The catalogue <paramref name="lines"/> describe, or null when any line is malformed (the cache is then rebuilt).</summary>
    public static FrameworkImportCatalogue? Parse(IReadOnlyList<string> lines)
    {
        var imports = new List<FrameworkImport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            string[] fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length == 0 || !seen.Add(fields[0]) || FrameworkImportCatalogue.NativeLibrary(fields[1]) != fields[1])
                return null;
            string[] assemblies = fields[2].Split(',');
            if (assemblies.Any(a => a.Length == 0))
                return null;
            imports.Add(new FrameworkImport(fields[0], fields[1], assemblies));
        }
        return imports.Count == 0 ? null : new FrameworkImportCatalogue(imports);
    }

    private static string CacheDirectory()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        string root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sharprun", "framework-imports");
    }
}
