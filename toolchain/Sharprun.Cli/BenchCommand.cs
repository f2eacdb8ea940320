using System;
using System.IO;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Cli;

/// <summary>
/// <c>sharprun bench</c>: size, boot and build time, memory and the collector against references. Progress goes to
/// standard error, the Markdown table to standard output (and to --output). Exits with 1 when a section was
/// skipped or failed.
/// </summary>
internal static class BenchCommand
{
    public static int Execute(ParsedCommand command)
    {
        var options = BenchmarkOptions.From(command);
        var layout = RepositoryLayout.Locate();
        var project = ProjectLocation.Resolve(options.Project ?? Path.Combine(layout.Root, "images", "hello"), command.Spec.Name);
        string? output = options.OutputFile is null ? null : Path.GetFullPath(options.OutputFile);

        Console.Error.WriteLine($"sharprun: benchmarking {project.ProjectFile} ({options.Runs} run(s) per figure)");
        var (report, complete) = new BenchmarkRunner(layout, project, options, Console.Error).Run();
        Console.Out.Write(report);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            File.WriteAllText(output, report);
            Console.Error.WriteLine($"sharprun: table written to {output}");
        }
        return complete ? ExitCodes.Success : ExitCodes.BuildFailure;
    }
}
