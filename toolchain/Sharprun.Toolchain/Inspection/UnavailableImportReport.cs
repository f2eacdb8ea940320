using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// What the build tells the user about the framework areas their application uses but the kernel lacks (one
/// warning per area, naming the application methods that lead there; calls into those areas throw
/// PlatformNotSupportedException at run time) and about the native libraries it calls that the kernel lacks (one
/// warning per library; calls throw DllNotFoundException, as on a Linux machine without the library).
/// </summary>
public sealed class UnavailableImportReport
{
    public const string Prefix = "sharprun: warning: ";
    private const int NamesShown = 3;

    public UnavailableImportReport(IReadOnlyList<ReportedArea> areas, IReadOnlyList<MissingNativeLibrary> libraries)
    {
        Areas = areas;
        Libraries = libraries;
    }

    public IReadOnlyList<ReportedArea> Areas { get; }

    public IReadOnlyList<MissingNativeLibrary> Libraries { get; }

    public bool IsEmpty => Areas.Count == 0 && Libraries.Count == 0;

    /// <summary>Groups <paramref name="reported"/> (classified as <see cref="ImportStatus.Reported"/>) by area; <paramref name="reach"/> names the methods.</summary>
    public static UnavailableImportReport Of(IEnumerable<ImportClassification> reported, ApplicationReach reach, IReadOnlyList<MissingNativeLibrary> libraries)
    {
        var areas = reported
            .Where(c => c.Status == ImportStatus.Reported)
            .GroupBy(c => c.Area!)
            .Select(group =>
            {
                var (methods, through) = reach.Reaching(group.SelectMany(c => c.Import.Assemblies).Distinct(StringComparer.Ordinal).ToList());
                return new ReportedArea(group.Key, group.Select(c => c.Import.EntryPoint).Order(StringComparer.Ordinal).ToList(), methods, through);
            })
            .OrderBy(a => a.Area.Name, StringComparer.Ordinal)
            .ThenBy(a => a.Area.Message, StringComparer.Ordinal)
            .ToList();
        return new UnavailableImportReport(areas, libraries);
    }

    /// <summary>The report's lines, each starting with <see cref="Prefix"/>; the success line when nothing is reported.</summary>
    public IReadOnlyList<string> Lines()
    {
        if (IsEmpty)
            return ["sharprun: note: every framework area the application uses is provided"];
        var lines = new List<string>();
        if (Areas.Count > 0)
            lines.Add(Prefix + "the application uses framework areas the Sharprun kernel does not provide; calls into them throw PlatformNotSupportedException:");
        foreach (var area in Areas)
        {
            var line = new StringBuilder(Prefix).Append("  ").Append(area.Area.Describe()).Append(". ");
            line.Append(area.ReachedFrom.Count == 0 ? "Reached inside the framework" : "Reached from " + Shortened(area.ReachedFrom));
            if (area.Through is not null)
                line.Append(" through ").Append(area.Through);
            line.Append("; entry points ").Append(Shortened(area.EntryPoints)).Append('.');
            lines.Add(line.ToString());
        }
        lines.AddRange(Libraries.Select(library => Prefix + Describe(library)));
        return lines;
    }

    /// <summary>
    /// "native library 'kernel32.dll' is not provided by the Sharprun kernel: calls of GetConsoleMode throw
    /// DllNotFoundException, as on Linux without it. Called from ...". Every entry point is named: they are what
    /// the user looks for in the library's source.
    /// </summary>
    public static string Describe(MissingNativeLibrary library)
    {
        var text = new StringBuilder()
            .Append("native library '").Append(library.Library).Append("' is not provided by the Sharprun kernel: calls of ")
            .Append(string.Join(", ", library.EntryPoints))
            .Append(" throw DllNotFoundException, as on Linux without it. ");
        text.Append(library.ReachedFrom.Count == 0 ? "Called inside the framework." : "Called from " + Shortened(library.ReachedFrom) + ".");
        return text.ToString();
    }

    private static string Shortened(IReadOnlyList<string> names) =>
        names.Count <= NamesShown
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(NamesShown)) + $" and {names.Count - NamesShown} more";
}
