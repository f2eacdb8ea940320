using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>The commands of <c>sharprun</c>, their options, and the help text printed for them.</summary>
public static class SharprunCommands
{
    public const string Build = "build";
    public const string Run = "run";

    public static readonly OptionSpec Output = new("output", 'o', "image", "Where to write the image (default: <project>/bin/sharprun/<name>.elf); the link map goes beside it as .map");
    public static readonly OptionSpec Platform = new("platform", null, "name", "Target platform: baremetal (QEMU/KVM, PVH or multiboot2 boot; the default) or xen (a Xen PVH guest)");
    public static readonly OptionSpec Strip = new("strip", null, null, "Leave the symbol table out of the image (smaller; no symbols for gdb)");
    public static readonly OptionSpec Verbose = new("verbose", 'v', null, "Show the output of every tool; with run, also every kernel log line");
    public static readonly OptionSpec Memory = new("memory", 'm', "MiB", "Guest memory in MiB (default: 128)");
    public static readonly OptionSpec Timeout = new("timeout", 't', "seconds", "Stop the guest after this many seconds and exit with 124 (default: no limit)");
    public static readonly OptionSpec GcVerify = new("gc-verify", null, null, "Check every object and free block before and after each garbage collection (slow)");
    public static readonly OptionSpec GcTrace = new("gc-trace", null, null, "Print one line per garbage collection: heap size before and after, pause time");
    public static readonly OptionSpec Accel = new("accel", null, "tcg|kvm", "QEMU accelerator (default: tcg; kvm needs /dev/kvm)");

    public static readonly OptionSpec On = new("on", null, "qemu|xen", "Where to boot: qemu (bare-metal images, the default) or xen (Xen images, as a PVH DomU of a Linux dom0, all inside QEMU)");

    public static readonly IReadOnlyList<string> Platforms = ["baremetal", "xen"];
    public static readonly IReadOnlyList<string> Hosts = ["qemu", "xen"];
    public static readonly IReadOnlyList<string> Accelerators = ["tcg", "kvm"];
    public const int DefaultMemoryMiB = 128;

    public static readonly CommandSpec BuildCommand = new(
        Build,
        "Compile a net9.0 console project into a bootable ELF image",
        "project",
        "A project directory (holding exactly one .csproj) or a .csproj file",
        [Output, Platform, Strip, Verbose],
        AcceptsPassThrough: false,
        """
        Steps: build the app (dotnet build -c Release), inspect its P/Invokes, build the kernel,
        compile everything with ILC (NativeAOT), assemble the low-level stubs, link the image.
        Intermediate files go to <project>/obj/sharprun/.
        The app must be an Exe targeting net9.0, and may P/Invoke only into libraries the kernel
        provides (libSystem.Native).
        """);

    public static readonly CommandSpec RunCommand = new(
        Run,
        "Boot an image in QEMU (building a project first when given one)",
        "image|project",
        "An image built by 'sharprun build', a project directory or a .csproj file; a project is rebuilt only when its inputs changed",
        [Memory, Timeout, Accel, On, GcVerify, GcTrace, Verbose],
        AcceptsPassThrough: true,
        """
        The application's standard output and error appear on sharprun's own; kernel panics are
        shown on standard error, other kernel log lines only with --verbose. Arguments after '--'
        reach the application's Main unchanged (spaces, quotes and non-ASCII survive).
        sharprun exits with the application's exit code (0-255), 124 on timeout, 125 when the
        guest panicked or stopped without reporting an exit code. QEMU must be installed:
        apt-get install qemu-system-x86.
        """);

    public static readonly IReadOnlyList<CommandSpec> All = [BuildCommand, RunCommand];

    private const string ExitCodeText = """
        Exit codes:
          0        success; for run, the application's own exit code (0-255)
          1        build failure or other tool error
          2        usage error
          124      run: the guest timed out (--timeout)
          125      run: the guest panicked or stopped without an exit code
          130      run: interrupted (Ctrl-C)
        """;

    public static string ToolHelp()
    {
        var text = new StringBuilder();
        text.AppendLine("sharprun - turn an unmodified net9.0 console app into a bootable unikernel image, and run it");
        text.AppendLine();
        text.AppendLine("Usage:");
        foreach (var command in All)
            text.AppendLine($"  sharprun {Synopsis(command)}");
        text.AppendLine("  sharprun <command> --help");
        text.AppendLine("  sharprun --version");
        text.AppendLine();
        text.AppendLine("Commands:");
        int width = All.Max(c => c.Name.Length) + 3;
        foreach (var command in All)
            text.AppendLine($"  {command.Name.PadRight(width)}{command.Summary}");
        // bench parses its own options (see BenchCommand), so it is not one of the specs above.
        text.AppendLine($"  {"bench".PadRight(width)}Measure image size, boot and build time beside their references (sharprun bench --help)");
        text.AppendLine();
        text.AppendLine(ExitCodeText.TrimEnd());
        text.AppendLine();
        text.AppendLine("Examples:");
        text.AppendLine("  sharprun build images/hello");
        text.AppendLine("  sharprun run images/hello -- first \"second argument\"");
        return text.ToString();
    }

    public static string CommandHelp(CommandSpec command)
    {
        var text = new StringBuilder();
        text.AppendLine($"sharprun {command.Name} - {command.Summary}");
        text.AppendLine();
        text.AppendLine("Usage:");
        text.AppendLine($"  sharprun {Synopsis(command)}");
        text.AppendLine();
        text.AppendLine("Arguments:");
        text.AppendLine($"  <{command.ArgumentName}>");
        text.AppendLine($"      {command.ArgumentHelp}");
        if (command.AcceptsPassThrough)
        {
            text.AppendLine("  -- args...");
            text.AppendLine("      Arguments for the application");
        }
        text.AppendLine();
        text.AppendLine("Options:");
        foreach (var option in command.Options)
        {
            text.AppendLine($"  {option.Synopsis}");
            text.AppendLine($"      {option.Help}");
        }
        text.AppendLine("  -h, --help");
        text.AppendLine("      Show this help");
        text.AppendLine();
        foreach (var line in command.Details.Split('\n'))
            text.AppendLine(line.TrimEnd());
        text.AppendLine();
        text.AppendLine(ExitCodeText.TrimEnd());
        return text.ToString();
    }

    public static string Synopsis(CommandSpec command) =>
        $"{command.Name} <{command.ArgumentName}> [options]" + (command.AcceptsPassThrough ? " [-- args...]" : string.Empty);
}
