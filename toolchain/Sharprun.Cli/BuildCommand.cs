using System;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Cli;

/// <summary><c>sharprun build &lt;project&gt;</c>: project to image, skipped when the image is up to date.</summary>
internal static class BuildCommand
{
    public static int Execute(ParsedCommand command)
    {
        var project = ProjectLocation.Resolve(command.Argument, command.Spec.Name);
        var settings = new BuildSettings(
            Path.GetFullPath(command.Value(SharprunCommands.Output.Name) ?? project.DefaultImage),
            command.Choice(SharprunCommands.Platform.Name, SharprunCommands.Platforms, "baremetal"),
            command.Has(SharprunCommands.Strip.Name))
        {
            Environment = GuestEnvironment.Parse(command.Values(SharprunCommands.BakedEnvironment.Name), command.Spec.Name),
            Files = command.Values(SharprunCommands.Files.Name).Select(value => BakedFileMapping.Parse(value, command.Spec.Name)).ToList(),
            Strict = command.Has(SharprunCommands.Strict.Name),
        };
        var log = new StepLog(Console.Out, command.Has(SharprunCommands.Verbose.Name));

        Console.Out.WriteLine($"sharprun: building {project.ProjectFile}");
        var builder = new ImageBuilder(RepositoryLayout.Locate(), log);
        if (command.Has(SharprunCommands.Check.Name))
            return builder.Check(project, settings) ? ExitCodes.BuildFailure : ExitCodes.Success;
        if (builder.IsUpToDate(project, settings))
        {
            log.Note("image", $"{settings.Image} is up to date (nothing changed since it was built)");
            return ExitCodes.Success;
        }
        builder.Build(project, settings);
        return ExitCodes.Success;
    }
}
