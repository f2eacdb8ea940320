using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// What the build tells the user about the framework areas their application uses but the kernel lacks: one
/// warning per area, naming the application methods that lead there. Calls into those areas throw
/// PlatformNotSupportedException at run time.
/// </summary>
public sealed class UnavailableImportReport
{
    public const string Prefix = "sharprun: warning: ";
    private const int NamesShown = 3;

    public UnavailableImportReport(IReadOnlyList<ReportedArea> areas) => Areas = areas;

    public IReadOnlyList<ReportedArea> Areas { get; }

    public bool IsEmpty => Areas.Count == 0;

    /// <summary>Groups <paramref name="reported"/> (classified as <see cref="ImportStatus.Reported"/>) by area; <paramref name="reach"/> names the methods.</summary>
    public static UnavailableImportReport Of(IEnumerable<ImportClassification> reported, ApplicationReach reach)
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
        return new UnavailableImportReport(areas);
    }

    /// <summary>The report's lines, each starting with <see cref="Prefix"/>; the success line when nothing is reported.</summary>
    public IReadOnlyList<string> Lines()
    {
        if (IsEmpty)
            return ["sharprun: note: every framework area the application uses is provided"];
        var lines = new List<string>
        {
            Prefix + "the application uses framework areas the Sharprun kernel does not provide; calls into them throw PlatformNotSupportedException:",
        };
        foreach (var area in Areas)
        {
            var line = new StringBuilder(Prefix).Append("  ").Append(area.Area.Describe()).Append(". ");
            line.Append(area.ReachedFrom.Count == 0 ? "Reached inside the framework" : "Reached from " + Shortened(area.ReachedFrom));
            if (area.Through is not null)
                line.Append(" through ").Append(area.Through);
            line.Append("; entry points ").Append(Shortened(area.EntryPoints)).Append('.');
            lines.Add(line.ToString());
        }
        return lines;
    }

    private static string Shortened(IReadOnlyList<string> names) =>
        names.Count <= NamesShown
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(NamesShown)) + $" and {names.Count - NamesShown} more";
}
