using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The symbols a link would leave undefined, sorted out: framework imports whose area the rules report (bound to
/// throwing stubs), framework imports no rule classifies yet, and everything else (a kernel bug, left to the
/// linker's own error), with the report of the reported ones and of the native libraries the kernel lacks that
/// compiled code calls.
/// </summary>
public sealed record UnavailableImportFindings(
    IReadOnlyList<ImportClassification> Reported,
    IReadOnlyList<ImportClassification> Unclassified,
    IReadOnlyList<string> Others,
    UnavailableImportReport Report)
{
    /// <summary>
    /// Classifies <paramref name="undefined"/>; when some are reported, reads <paramref name="application"/> (its
    /// assemblies) against <paramref name="frameworkDirectories"/> to name the methods that lead to them.
    /// <paramref name="libraries"/> (see <see cref="MissingNativeLibraries"/>) join the report as they are.
    /// </summary>
    public static UnavailableImportFindings Find(IEnumerable<string> undefined, FrameworkImportCatalogue catalogue,
        IReadOnlyList<string> application, IReadOnlyList<string> frameworkDirectories, IReadOnlyList<MissingNativeLibrary> libraries)
    {
        var findings = Classify(undefined, catalogue);
        if (findings.Reported.Count == 0)
            return findings with { Report = new UnavailableImportReport([], libraries) };
        return findings with { Report = UnavailableImportReport.Of(findings.Reported, ApplicationReach.Read(application, frameworkDirectories), libraries) };
    }

    /// <summary>Sorts <paramref name="undefined"/> out, with an empty report.</summary>
    public static UnavailableImportFindings Classify(IEnumerable<string> undefined, FrameworkImportCatalogue catalogue)
    {
        var reported = new List<ImportClassification>();
        var unclassified = new List<ImportClassification>();
        var others = new List<string>();
        var nothingProvided = new HashSet<string>();
        foreach (var name in undefined.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (catalogue.Find(name) is not { } import)
            {
                others.Add(name);
                continue;
            }
            var classification = ImportClassification.Of(import, nothingProvided);
            (classification.Status == ImportStatus.Reported ? reported : unclassified).Add(classification);
        }
        return new UnavailableImportFindings(reported, unclassified, others, new UnavailableImportReport([], []));
    }

    /// <summary>Entry point → the message its stub throws.</summary>
    public IReadOnlyDictionary<string, string> StubMessages() =>
        Reported.ToDictionary(c => c.Import.EntryPoint, c => c.Area!.ExceptionMessage(c.Import.EntryPoint), StringComparer.Ordinal);

    /// <summary>The build error for <see cref="Unclassified"/> imports.</summary>
    public string DescribeUnclassified()
    {
        var text = new StringBuilder();
        text.Append("the application reaches framework native imports the kernel does not provide and that are not yet classified ")
            .Append("(add them to toolchain/Sharprun.Toolchain/Inspection/UnavailableImportRules.cs, or implement them in the kernel):");
        foreach (var c in Unclassified)
            text.AppendLine().Append("  ").Append(c.Import.Library).Append('!').Append(c.Import.EntryPoint)
                .Append(", declared in ").Append(string.Join(", ", c.Import.Assemblies));
        return text.ToString();
    }
}
