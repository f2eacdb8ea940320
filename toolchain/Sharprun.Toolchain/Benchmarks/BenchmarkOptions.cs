using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The options of <c>sharprun bench</c>, read from what the shared command-line parser made of
/// <see cref="SharprunCommands.BenchCommand"/> (which also gives the help text); mistakes are <see cref="UsageException"/>s.
/// </summary>
public sealed record BenchmarkOptions(
    int Runs,
    IReadOnlySet<BenchmarkSection> Sections,
    string? OutputFile,
    string? Project)
{
    public const string CommandName = SharprunCommands.Bench;

    public static readonly IReadOnlyList<BenchmarkSection> AllSections = Enum.GetValues<BenchmarkSection>();

    public static BenchmarkOptions From(ParsedCommand command) => new(
        command.Integer(SharprunCommands.Runs.Name, 1, SharprunCommands.BenchMaxRuns, SharprunCommands.BenchDefaultRuns),
        command.Value(SharprunCommands.Only.Name) is { } only ? ParseSections(only) : AllSections.ToHashSet(),
        command.Value(SharprunCommands.TableOutput.Name),
        command.Value(SharprunCommands.Project.Name));

    private static HashSet<BenchmarkSection> ParseSections(string text)
    {
        var sections = new HashSet<BenchmarkSection>();
        foreach (var part in text.Split(','))
        {
            var match = AllSections.Where(s => NameOf(s) == part.Trim()).ToList();
            if (match.Count == 0)
                throw new UsageException($"--only takes a comma-separated list of {string.Join(", ", AllSections.Select(NameOf))}, not '{part}'", CommandName);
            sections.Add(match[0]);
        }
        return sections;
    }

    public static string NameOf(BenchmarkSection section) => section.ToString().ToLowerInvariant();
}
