using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// Every P/Invoke of the framework (CoreLib and its private companions, and the runtime pack's lib folder) into
/// the native libraries the framework ships with, by entry point. ILC names an undefined direct P/Invoke by its
/// entry point, so this is how the build tells a framework import from anything else left undefined.
/// </summary>
public sealed class FrameworkImportCatalogue
{
    /// <summary>The framework's own native libraries (the runtime pack's libSystem.*.a).</summary>
    public static readonly IReadOnlyList<string> NativeLibraries =
    [
        "libSystem.Native",
        "libSystem.Security.Cryptography.Native.OpenSsl",
        "libSystem.IO.Compression.Native",
        "libSystem.Net.Security.Native",
        "libSystem.Globalization.Native",
    ];

    private readonly Dictionary<string, FrameworkImport> _imports;

    public FrameworkImportCatalogue(IEnumerable<FrameworkImport> imports)
    {
        _imports = imports.ToDictionary(i => i.EntryPoint, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<FrameworkImport> Imports => _imports.Values;

    public FrameworkImport? Find(string entryPoint) => _imports.GetValueOrDefault(entryPoint);

    /// <summary>Reads the imports of <paramref name="assemblies"/> (paths of framework .dll files).</summary>
    public static FrameworkImportCatalogue Read(IEnumerable<string> assemblies)
    {
        var found = new SortedDictionary<string, (string Library, SortedSet<string> Assemblies)>(StringComparer.Ordinal);
        foreach (var path in assemblies)
        {
            using var module = AssemblyFile.Load(path);
            string assembly = module.Assembly?.Name.String ?? Path.GetFileNameWithoutExtension(path);
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods))
            {
                if (!method.IsPinvokeImpl || method.ImplMap?.Module is not { } library || NativeLibrary(library.Name.String) is not { } name)
                    continue;
                string entryPoint = PInvokeInspector.EntryPoint(method);
                if (!found.TryGetValue(entryPoint, out var entry))
                    found[entryPoint] = entry = (name, new SortedSet<string>(StringComparer.Ordinal));
                entry.Assemblies.Add(assembly);
            }
        }
        return new FrameworkImportCatalogue(found.Select(f => new FrameworkImport(f.Key, f.Value.Library, f.Value.Assemblies.ToList())));
    }

    /// <summary>The catalogued library a DllImport library name denotes, with the spellings the runtime's probing accepts.</summary>
    public static string? NativeLibrary(string library)
    {
        string name = library.EndsWith(".so", StringComparison.Ordinal) ? library[..^3] : library;
        return NativeLibraries.FirstOrDefault(known => name == known || "lib" + name == known);
    }
}
