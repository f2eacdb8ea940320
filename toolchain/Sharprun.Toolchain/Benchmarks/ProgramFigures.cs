using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The figures a benchmark program prints about itself, one per line: <c>bench: &lt;name&gt; &lt;number&gt;</c>, where the
/// name is lower-case letters, digits and '-', starting with a letter, and the number is a plain decimal
/// (digits, optionally a '.' and more digits; no sign, exponent or grouping). A name may repeat (one line per
/// collection pause, say). Other lines are the program's ordinary output, or a Linux console's messages, and are
/// ignored; a line that starts with the prefix but is malformed is an error, since a figure the benchmark
/// expects could hide in it.
/// </summary>
public sealed class ProgramFigures
{
    public const string Prefix = "bench: ";

    /// <summary>Longest accepted name and number: real figures are far shorter, garbage is not.</summary>
    private const int MaxNameLength = 40;
    private const int MaxNumberLength = 30;

    private readonly Dictionary<string, List<(double Value, int Line)>> _figures;
    private readonly string _source;

    private ProgramFigures(Dictionary<string, List<(double Value, int Line)>> figures, string source)
    {
        _figures = figures;
        _source = source;
    }

    /// <param name="source">Who printed the lines, for error messages ("Sharprun gc image").</param>
    public static ProgramFigures Parse(IReadOnlyList<string> lines, string source)
    {
        var figures = new Dictionary<string, List<(double, int)>>(StringComparer.Ordinal);
        for (int index = 0; index < lines.Count; index++)
        {
            string line = lines[index];
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            string rest = line[Prefix.Length..];
            int space = rest.IndexOf(' ');
            if (space < 0)
                throw Malformed(source, index, line, "expected a name and a number");
            string name = rest[..space];
            string number = rest[(space + 1)..];
            if (!IsName(name))
                throw Malformed(source, index, line, "the name must be lower-case letters, digits and '-', starting with a letter");
            if (!TryParseNumber(number, out double value))
                throw Malformed(source, index, line, "the number must be a plain decimal such as 12 or 3.25");
            if (!figures.TryGetValue(name, out var values))
                figures[name] = values = [];
            values.Add((value, index));
        }
        return new ProgramFigures(figures, source);
    }

    public bool Has(string name) => _figures.ContainsKey(name);

    /// <summary>Every value printed under <paramref name="name"/>, in order; empty when none was.</summary>
    public IReadOnlyList<double> All(string name) =>
        _figures.TryGetValue(name, out var values) ? values.Select(v => v.Value).ToArray() : [];

    /// <summary>The one value printed under <paramref name="name"/>.</summary>
    public double Single(string name) => _figures.TryGetValue(name, out var values) switch
    {
        false => throw new ToolchainException($"{_source} did not print the figure '{name}'"),
        true when values!.Count > 1 => throw new ToolchainException($"{_source} printed the figure '{name}' {values.Count} times, expected once"),
        true => values![0].Value,
    };

    /// <summary>The one value of <paramref name="name"/>, which must be a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Whole(string name, long min, long max)
    {
        double value = Single(name);
        if (value != Math.Floor(value) || value < min || value > max)
            throw new ToolchainException(string.Create(CultureInfo.InvariantCulture,
                $"{_source} printed '{name}' as {value}, expected a whole number from {min} to {max}"));
        return (long)value;
    }

    /// <summary>The index of the line that printed the one value of <paramref name="name"/>.</summary>
    public int LineOf(string name)
    {
        Single(name);
        return _figures[name][0].Line;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name[0] is >= 'a' and <= 'z' && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        if (text.Length is 0 or > MaxNumberLength)
            return false;
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "1" : text[(dot + 1)..];
        if (whole.Length == 0 || fraction.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
            return false;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static ToolchainException Malformed(string source, int index, string line, string why) =>
        new($"{source} printed a malformed figure on line {index + 1} ('{PrintableText.Of(line)}'): {why}");
}
