using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Formats benchmark results as a Markdown table followed by notes (how it was measured, what was skipped).</summary>
public static class ResultTable
{
    public static string Format(IReadOnlyList<BenchmarkResult> results, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.AppendLine("| Section | Measurement | Sharprun | Reference | Ratio | Target |");
        text.AppendLine("|---|---|--:|---|--:|---|");
        foreach (var result in results)
        {
            text.Append("| ").Append(Cell(result.Section))
                .Append(" | ").Append(Cell(result.Measurement))
                .Append(" | ").Append(Cell(result.Ours.Format()))
                .Append(" | ").Append(Cell($"{result.ReferenceName}: {result.Reference.Format()}"))
                .Append(" | ").Append(Cell(RatioText(result.Ratio)))
                .Append(" | ").Append(Cell(TargetText(result)))
                .AppendLine(" |");
        }
        if (results.Count == 0)
            text.AppendLine("| — | no section was measured | | | | |");
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
                text.Append("- ").AppendLine(note.ReplaceLineEndings(" "));
        }
        return text.ToString();
    }

    private static string RatioText(double ratio) =>
        double.IsFinite(ratio) ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×") : "n/a";

    private static string TargetText(BenchmarkResult result) => result.TargetRatio switch
    {
        null => "—",
        double target => string.Create(CultureInfo.InvariantCulture, $"≤ {target:0.##}×: ") + (result.MeetsTarget == true ? "met" : "missed"),
    };

    /// <summary>A table cell: pipes escaped and line breaks flattened so the row stays one row.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}
