using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    /// <summary>The kernel library that carries the network stack: an image with it gets a NIC by default.</summary>
    private const string NetworkStackLibrary = "Sharprun.Net.Pal";

    /// <summary>The kernel library that mounts disks: without it the guest has only the empty root.</summary>
    private const string FilePalLibrary = "Sharprun.Vfs.Pal";

    public static int Execute(ParsedCommand command)
    {
        bool verbose = command.Has(SharprunCommands.Verbose.Name);
        // QEMU accepts any whole MiB; whether that is enough is the image's to say (below), then the kernel's.
        int memory = command.Integer(SharprunCommands.Memory.Name, 1, 1 << 20, SharprunCommands.DefaultMemoryMiB);
        int? timeout = command.Has(SharprunCommands.Timeout.Name)
            ? command.Integer(SharprunCommands.Timeout.Name, 1, 7 * 24 * 3600, 0)
            : null;
        string accel = command.Choice(SharprunCommands.Accel.Name, SharprunCommands.Accelerators, "tcg");
        bool onXen = command.Choice(SharprunCommands.On.Name, SharprunCommands.Hosts, "qemu") == "xen";
        bool interactive = command.Has(SharprunCommands.Interactive.Name);
        foreach (var argument in command.PassThrough)
        {
            if (argument.Contains('\0'))
                throw new UsageException("an application argument contains a NUL character, which cannot reach the guest", command.Spec.Name);
        }

        var environment = GuestEnvironment.Parse(command.Values(SharprunCommands.Environment.Name), command.Spec.Name);

        string image = ImageFor(command.Argument, command.Spec.Name, verbose, onXen ? "xen" : "baremetal");
        ulong extent = ImageExtent.Read(image);
        if ((ulong)memory << 20 < extent)
        {
            Console.Error.WriteLine($"sharprun: -m {memory} is too small for {image}: the image alone occupies guest memory up to " +
                $"{extent / (1024.0 * 1024):0.00} MiB, so the guest cannot start; give it at least {(extent + (1 << 20) - 1) >> 20} MiB " +
                "(the kernel then says if the runtime needs more)");
            return ExitCodes.GuestFailure;
        }
        GuestNetwork network;
        try
        {
            network = GuestNetwork.Parse(
                command.Value(SharprunCommands.Net.Name),
                ImagePlatform.ReadKernelLibraries(image).Contains(NetworkStackLibrary),
                command.Values(SharprunCommands.Publish.Name),
                command.Value(SharprunCommands.Address.Name),
                command.Value(SharprunCommands.Gateway.Name),
                command.Values(SharprunCommands.Dns.Name));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message, command.Spec.Name);
        }
        IReadOnlyList<GuestDisk> disks;
        try
        {
            disks = GuestDisk.ParseAll(command.Values(SharprunCommands.Disk.Name));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message, command.Spec.Name);
        }
        if (disks.Count > 0 && !ImagePlatform.ReadKernelLibraries(image).Contains(FilePalLibrary))
            Console.Error.WriteLine("sharprun: warning: the application uses no file API, so the guest will not mount its disks");
        QemuLauncher.LocateQemu();
        var kernelOptions = new List<string>();
        if (command.Has(SharprunCommands.GcVerify.Name))
            kernelOptions.Add("gc.verify");
        if (command.Has(SharprunCommands.GcTrace.Name))
            kernelOptions.Add("gc.trace");
        if (onXen && network.Mode != NetworkMode.None)
            throw new UsageException("the Xen rig gives guests no NIC yet (netfront is not written); use --net none or boot on qemu", command.Spec.Name);
        if (onXen && disks.Count > 0)
            throw new UsageException("the Xen rig gives guests no disks yet (blkfront is not written); boot on qemu for --disk", command.Spec.Name);
        if (onXen)
            return RunOnXen(new LaunchOptions(image, command.PassThrough, memory, timeout, accel, verbose) { KernelOptions = kernelOptions, Environment = environment }, interactive);
        ImagePlatform.Require(image, "baremetal", "run it with --on xen");

        using var output = Console.OpenStandardOutput();
        using var error = Console.OpenStandardError();
        var options = new LaunchOptions(image, command.PassThrough, memory, timeout, accel, verbose) { KernelOptions = kernelOptions, Environment = environment, Network = network, Disks = disks };
        Stream? input = interactive ? Console.OpenStandardInput() : null;
        var launcher = new QemuLauncher(options, output, error, input);
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

    /// <summary>Boots a Xen image as a DomU of the Xen rig (see Sharprun.Toolchain.Xen.XenLauncher).</summary>
    private static int RunOnXen(LaunchOptions options, bool interactive)
    {
        using var output = Console.OpenStandardOutput();
        using var error = Console.OpenStandardError();
        Stream? input = interactive ? Console.OpenStandardInput() : null;
        var launcher = new Sharprun.Toolchain.Xen.XenLauncher(options, output, error, input);
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
    private static string ImageFor(string argument, string commandName, bool verbose, string platform)
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
        // A project's image for another platform goes beside the default one (bin/sharprun/<name>-xen.elf).
        string image = platform == "baremetal" ? project.DefaultImage : Path.ChangeExtension(project.DefaultImage, null) + "-" + platform + ".elf";
        var settings = new BuildSettings(image, platform, Strip: false);
        var log = new StepLog(Console.Error, verbose);
        var builder = new ImageBuilder(layout, log);
        if (builder.IsUpToDate(project, settings))
        {
            if (verbose)
                log.Note("image", $"{settings.Image} is up to date");
            return settings.Image;
        }
        Console.Error.WriteLine($"sharprun: building {project.ProjectFile}");
        builder.Build(project, settings);
        return settings.Image;
    }
}
