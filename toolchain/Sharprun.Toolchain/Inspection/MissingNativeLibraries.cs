using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// Which compiled P/Invokes go to libraries the kernel lacks, one <see cref="MissingNativeLibrary"/> per library,
/// named with the application's declarations of them (the call graph of <see cref="PInvokeInspector"/>).
/// </summary>
public static class MissingNativeLibraries
{
    /// <summary><paramref name="compiled"/> (ILC's lazily bound imports) against <paramref name="declared"/> (the application's P/Invokes).</summary>
    public static IReadOnlyList<MissingNativeLibrary> Find(IEnumerable<CompiledNativeImport> compiled, IReadOnlyList<NativeImport> declared) =>
        compiled
            .Where(import => !ProvidedNativeLibraries.Provides(import.Library))
            .GroupBy(import => import.Library, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var entryPoints = group.Select(import => import.EntryPoint).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var declarations = declared.Where(d => d.Library == group.Key && entryPoints.Contains(d.EntryPoint, StringComparer.Ordinal));
                var reachedFrom = declarations
                    .SelectMany(d => (d.Callers.Count > 0 ? d.Callers : [d.Method]).Select(method => $"{method} ({d.Assembly})"))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return new MissingNativeLibrary(group.Key, entryPoints, reachedFrom);
            })
            .ToList();

    /// <summary>The error of <c>build --strict</c> for <paramref name="libraries"/>.</summary>
    public static string DescribeStrictRefusal(IReadOnlyList<MissingNativeLibrary> libraries)
    {
        var text = new StringBuilder()
            .Append("the application calls native libraries the Sharprun kernel does not provide (it provides only ")
            .Append(string.Join(", ", ProvidedNativeLibraries.Names)).Append("), and --strict refuses them:");
        foreach (var library in libraries)
            text.AppendLine().Append("  ").Append(UnavailableImportReport.Describe(library));
        text.AppendLine().Append("Remove these P/Invokes or replace them with managed code; without --strict the build warns and the calls throw DllNotFoundException.");
        return text.ToString();
    }
}
