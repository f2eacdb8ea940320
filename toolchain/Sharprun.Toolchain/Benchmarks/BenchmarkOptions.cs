using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The options of <c>sharprun bench</c>. The command has no positional argument (the shared command-line parser
/// requires one), so it parses its own, small, command line, reporting mistakes as <see cref="UsageException"/>.
/// </summary>
public sealed record BenchmarkOptions(
    int Runs,
    IReadOnlySet<BenchmarkSection> Sections,
    string? OutputFile,
    string? Project,
    bool ShowHelp)
{
    public const string CommandName = "bench";
    public const int DefaultRuns = 5;
    public const int MaxRuns = 100;

    public static readonly IReadOnlyList<BenchmarkSection> AllSections = Enum.GetValues<BenchmarkSection>();

    public static string Help => $"""
        sharprun bench - measure image size, boot time, build time and memory needs against references

        Usage:
          sharprun bench [--runs N] [--only size,boot,build,memory] [--output file.md] [--project dir]

        Options:
              --runs <N>           Runs per figure; the table shows medians (default: {DefaultRuns})
              --only <sections>    Comma-separated subset of: size, boot, build, memory (default: all)
          -o, --output <file>      Also write the Markdown table to this file
              --project <dir>      The app to measure (default: images/hello of the checkout)
          -h, --help               Show this help

        References, measured in the same run: the app published with NativeAOT for linux-x64 (size,
        build); a minimal hand-written PVH kernel and a Debian Linux kernel with a busybox initramfs
        (boot); targets for the smallest -m that boots and for boot time at -m 2048 against -m 64
        (memory). Debian packages are fetched with apt-get download and cached under
        $XDG_CACHE_HOME/sharprun/bench (default ~/.cache/sharprun/bench).
        Needs: qemu-system-x86_64 (boot), apt-get and dpkg-deb (Linux guest), a C toolchain for
        NativeAOT publishing (size, build).
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        int runs = DefaultRuns;
        IReadOnlySet<BenchmarkSection> sections = AllSections.ToHashSet();
        string? output = null;
        string? project = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (word is "-h" or "--help")
                return new BenchmarkOptions(runs, sections, output, project, ShowHelp: true);

            string name;
            string? value = null;
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                name = word[2..];
                int equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }
            }
            else if (word == "-o")
            {
                name = "output";
            }
            else
            {
                throw new UsageException($"unexpected argument '{word}'", CommandName);
            }

            if (name is not ("runs" or "only" or "output" or "project"))
                throw new UsageException($"unknown option '{word}' for '{CommandName}'", CommandName);
            if (!seen.Add(name))
                throw new UsageException($"option --{name} given twice", CommandName);
            if (value is null)
            {
                if (i + 1 >= args.Count)
                    throw new UsageException($"option --{name} needs a value", CommandName);
                value = args[++i];
            }
            if (value.Length == 0)
                throw new UsageException($"option --{name} needs a non-empty value", CommandName);

            switch (name)
            {
                case "runs":
                    runs = ParseRuns(value);
                    break;
                case "only":
                    sections = ParseSections(value);
                    break;
                case "output":
                    output = value;
                    break;
                default:
                    project = value;
                    break;
            }
        }
        return new BenchmarkOptions(runs, sections, output, project, ShowHelp: false);
    }

    private static int ParseRuns(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs >= 1 && runs <= MaxRuns
            ? runs
            : throw new UsageException($"--runs must be a whole number from 1 to {MaxRuns}, not '{text}'", CommandName);

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
