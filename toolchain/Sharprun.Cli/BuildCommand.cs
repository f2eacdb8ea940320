using System;
using System.IO;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Cli;

/// <summary><c>sharprun build &lt;project&gt;</c>: project to image.</summary>
internal static class BuildCommand
{
    public static int Execute(ParsedCommand command)
    {
        var project = ProjectLocation.Resolve(command.Argument, command.Spec.Name);
        var settings = new BuildSettings(
            Path.GetFullPath(command.Value(SharprunCommands.Output.Name) ?? project.DefaultImage),
            command.Choice(SharprunCommands.Platform.Name, SharprunCommands.Platforms, "baremetal"),
            command.Has(SharprunCommands.Strip.Name));
        var log = new StepLog(Console.Out, command.Has(SharprunCommands.Verbose.Name));

        Console.Out.WriteLine($"sharprun: building {project.ProjectFile}");
        new ImageBuilder(RepositoryLayout.Locate(), log).Build(project, settings);
        return ExitCodes.Success;
    }
}
