using System;
using System.IO;
using System.Runtime.InteropServices;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Cli;

/// <summary>
/// <c>sharprun run &lt;image|project&gt;</c>: boots an image in QEMU. A project is built first unless its image is
/// up to date. Build progress goes to standard error, so standard output carries only the application's output.
/// </summary>
internal static class RunCommand
{
    public static int Execute(ParsedCommand command)
    {
        bool verbose = command.Has(SharprunCommands.Verbose.Name);
        int memory = command.Integer(SharprunCommands.Memory.Name, 16, 1 << 20, SharprunCommands.DefaultMemoryMiB);
        int? timeout = command.Has(SharprunCommands.Timeout.Name)
            ? command.Integer(SharprunCommands.Timeout.Name, 1, 7 * 24 * 3600, 0)
            : null;
        string accel = command.Choice(SharprunCommands.Accel.Name, SharprunCommands.Accelerators, "tcg");
        foreach (var argument in command.PassThrough)
        {
            if (argument.Contains('\0'))
                throw new UsageException("an application argument contains a NUL character, which cannot reach the guest", command.Spec.Name);
        }

        string image = ImageFor(command.Argument, command.Spec.Name, verbose);
        QemuLauncher.LocateQemu();

        using var output = Console.OpenStandardOutput();
        using var error = Console.OpenStandardError();
        var options = new LaunchOptions(image, command.PassThrough, memory, timeout, accel, verbose);
        var launcher = new QemuLauncher(options, output, error);
        // Ctrl-C reaches QEMU too (same process group); handling it here reports the end as an interruption
        // rather than as a guest that stopped without an exit record, and lets the launcher clean up.
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            launcher.Interrupt();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return launcher.Run().ExitCode;
    }

    /// <summary>The image to boot: the argument itself, or a project's image, rebuilt when its inputs changed.</summary>
    private static string ImageFor(string argument, string commandName, bool verbose)
    {
        bool isProject = Directory.Exists(argument) || ProjectLocation.IsProjectFile(argument);
        if (!isProject)
        {
            return File.Exists(argument)
                ? Path.GetFullPath(argument)
                : throw new UsageException($"no such image or project: '{argument}'", commandName);
        }

        var project = ProjectLocation.Resolve(argument, commandName);
        var layout = RepositoryLayout.Locate();
        var settings = new BuildSettings(project.DefaultImage, "baremetal", Strip: false);
        var log = new StepLog(Console.Error, verbose);
        if (InputFingerprint.Matches(settings.Image, InputFingerprint.Compute(project, layout, settings)))
        {
            if (verbose)
                log.Note("image", $"{settings.Image} is up to date");
            return settings.Image;
        }
        Console.Error.WriteLine($"sharprun: building {project.ProjectFile}");
        new ImageBuilder(layout, log).Build(project, settings);
        return settings.Image;
    }
}
