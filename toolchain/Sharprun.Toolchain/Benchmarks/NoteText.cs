using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Numbers as the benchmark sections write them into guest arguments and notes: in the invariant culture, whatever
/// the host's, so a program's arguments parse and the notes read the same everywhere.
/// </summary>
internal static class NoteText
{
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One figure of every run, in run order: "1.0, 1.2, 0.9".</summary>
    public static string Runs<T>(IEnumerable<T> runs, Func<T, double> figure, string format) =>
        string.Join(", ", runs.Select(r => figure(r).ToString(format, CultureInfo.InvariantCulture)));

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
