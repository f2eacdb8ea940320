using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Pipeline.CommandLine;

/// <summary>The commands of <c>sharprun</c>, their options, and the help text printed for them.</summary>
public static class SharprunCommands
{
    public const string Build = "build";
    public const string Run = "run";
    public const string Bench = "bench";

    public static readonly OptionSpec Output = new("output", 'o', "image", "Where to write the image (default: <project>/bin/sharprun/<name>.elf); the link map goes beside it as .map");
    public static readonly OptionSpec Platform = new("platform", null, "name", "Target platform: baremetal (QEMU/KVM, PVH or multiboot2 boot; the default) or xen (a Xen PVH guest)");
    public static readonly OptionSpec Strip = new("strip", null, null, "Leave the symbol table out of the image (smaller; no symbols for gdb)");
    public static readonly OptionSpec Check = new("check", null, null, "Compile and report what the app uses that the kernel does not provide (framework areas, native libraries); write no image (exit 1 when anything is reported)");
    public static readonly OptionSpec Strict = new("strict", null, null, "Fail the build when compiled code P/Invokes into a native library the kernel does not provide (by default a warning; such calls throw DllNotFoundException)");
    public static readonly OptionSpec Verbose = new("verbose", 'v', null, "Show the output of every tool; with run, also every kernel log line");
    public static readonly OptionSpec Memory = new("memory", 'm', "MiB", "Guest memory in MiB (default: 128); a guest too small for its image says how much it needs and exits with 125");
    public static readonly OptionSpec Timeout = new("timeout", 't', "seconds", "Stop the guest after this many seconds and exit with 124 (default: no limit)");
    public static readonly OptionSpec GcVerify = new("gc-verify", null, null, "Check every object and free block before and after each garbage collection (slow)");
    public static readonly OptionSpec GcTrace = new("gc-trace", null, null, "Print one line per garbage collection: heap size before and after, pause time");
    public static readonly OptionSpec Accel = new("accel", null, "tcg|kvm", "QEMU accelerator (default: tcg; kvm needs /dev/kvm)");
    public static readonly OptionSpec Interactive = new("interactive", 'i', null, "Connect sharprun's standard input to the application's (the serial console); without it the application's input is empty");

    public static readonly OptionSpec BakedEnvironment = new("env", 'e', "KEY=VALUE", "Bake an environment variable into the image as a default (repeatable; run -e overrides it)", Repeatable: true);
    public static readonly OptionSpec Files = new("files", null, Baking.BakedFileMapping.Syntax, "Bake a host directory's tree, read-only, at an absolute guest directory (repeatable; e.g. ./data:/app/data)", Repeatable: true);
    public static readonly OptionSpec Environment = new("env", 'e', "KEY=VALUE", "Set an environment variable for the application (repeatable; overrides the image's defaults from build -e)", Repeatable: true);

    public static readonly OptionSpec Publish = new("publish", 'p', "[HOSTADDR:]HOSTPORT:GUESTPORT[/udp]", "Forward a host port to a guest port over QEMU's user network (repeatable; host address 127.0.0.1 unless given)", Repeatable: true);
    public static readonly OptionSpec Net = new("net", null, "user|tap:IFNAME|none", "The guest's NIC: QEMU's user network (the default for images with a network stack), an existing TAP interface, or none (the default otherwise)");
    public static readonly OptionSpec Address = new("ip", null, "ADDR/PREFIX", "A static IPv4 address for the guest's NIC (default: DHCP)");
    public static readonly OptionSpec Gateway = new("gateway", null, "ADDR", "The default gateway with --ip (default: from DHCP)");
    public static readonly OptionSpec Dns = new("dns", null, "ADDR", "A DNS server for the guest (repeatable; default: from DHCP)", Repeatable: true);

    public static readonly OptionSpec Disk = new("disk", null, "FILE[:MOUNTPOINT][,ro]", $"Attach a raw disk image as a virtio-blk device and mount it (repeatable; the first at {Launch.GuestDisk.DefaultMountPoint} unless a mount point is given; ext2 read-write, ext3/ext4 read-only)", Repeatable: true);

    public static readonly OptionSpec On = new("on", null, "qemu|xen", "Where to boot: qemu (bare-metal images, the default) or xen (Xen images, as a PVH DomU of a Linux dom0, all inside QEMU)");

    public const int BenchDefaultRuns = 5;
    public const int BenchMaxRuns = 100;

    /// <summary>The sections of <c>bench</c>, in the order they run (the names of BenchmarkSection).</summary>
    public static readonly IReadOnlyList<string> BenchSections = ["size", "boot", "build", "memory", "gc", "threads", "throughput", "net", "disk", "xen"];

    public static readonly OptionSpec Runs = new("runs", null, "N", $"Runs per figure; the table shows medians (default: {BenchDefaultRuns})");
    public static readonly OptionSpec Only = new("only", null, "sections", $"Comma-separated subset of: {string.Join(", ", BenchSections)} (default: all)");
    public static readonly OptionSpec TableOutput = new("output", 'o', "file", "Also write the Markdown table to this file");
    public static readonly OptionSpec Project = new("project", null, "dir", "The app to measure (default: images/hello of the checkout); the gc, threads, throughput, net and disk sections always run their own programs");

    public static readonly IReadOnlyList<string> Platforms = ["baremetal", "xen"];
    public static readonly IReadOnlyList<string> Hosts = ["qemu", "xen"];
    public static readonly IReadOnlyList<string> Accelerators = ["tcg", "kvm"];
    public const int DefaultMemoryMiB = 128;

    public static readonly CommandSpec BuildCommand = new(
        Build,
        "Compile a net10.0 console project into a bootable ELF image",
        "project",
        "A project directory (holding exactly one .csproj) or a .csproj file",
        [Output, Platform, Strip, BakedEnvironment, Files, Check, Strict, Verbose],
        AcceptsPassThrough: false,
        """
        Steps: build the app (dotnet build -c Release), build the kernel, compile everything with
        ILC (NativeAOT), assemble the low-level stubs, link the image.
        Intermediate files go to <project>/obj/sharprun/. The app must be an Exe targeting net10.0.
        Framework areas the kernel does not provide (networking, processes, TLS...) are reported as
        warnings naming the app's methods that use them; calls into them throw
        PlatformNotSupportedException. A P/Invoke that ILC compiles into a native library the
        kernel does not provide (it provides libSystem.Native) is one warning per library, naming
        its entry points and the methods that call them; such calls throw DllNotFoundException, as
        on Linux without the library. P/Invokes ILC leaves out (Windows or macOS code unreachable on
        linux-x64) are not mentioned. --strict makes those library warnings errors. --check stops
        after ILC and only prints the report (exit 1 when it reports anything).
        Files are baked read-only as dotnet publish places them: the project's content items
        (CopyToOutputDirectory/CopyToPublishDirectory; appsettings*.json in Web SDK projects) at
        /app, which is AppContext.BaseDirectory (the process path is /app/<assembly name>); /etc/hosts;
        the host's /usr/share/zoneinfo when the app uses TimeZoneInfo (TZ=Europe/Paris with -e picks
        the local zone); and each --files tree (e.g. --files ./static:/srv/static). Writing to them
        fails as on a read-only Linux mount; /tmp stays writable. An image with baked files carries
        the file system even when the app names no file API.
        """);

    public static readonly CommandSpec RunCommand = new(
        Run,
        "Boot an image in QEMU (building a project first when given one)",
        "image|project",
        "An image built by 'sharprun build', a project directory or a .csproj file; a project is rebuilt only when its inputs changed",
        [Memory, Timeout, Accel, On, Interactive, Environment, Publish, Net, Address, Gateway, Dns, Disk, GcVerify, GcTrace, Verbose],
        AcceptsPassThrough: true,
        """
        The application's standard output and error appear on sharprun's own; kernel panics are
        shown on standard error, other kernel log lines only with --verbose. Arguments after '--'
        reach the application's Main unchanged (spaces, quotes and non-ASCII survive).
        Without -i the application's standard input is empty: reads return end of file at once.
        With -i, what sharprun reads on its standard input (a terminal's lines, or a pipe) reaches
        the application's, and its end (Ctrl-D, or the pipe's end) is the application's end of file;
        so is a Ctrl-D byte (0x04) inside piped input.
        An image whose application uses networking gets a virtio-net NIC on QEMU's user network: the
        guest is 10.0.2.15 (DHCP), the host is reachable as 10.0.2.2, DNS is forwarded at 10.0.2.3,
        and -p publishes guest ports on the host (e.g. -p 18080:8080 -p 17001:7001/udp). With -v the
        kernel's network log (addresses, DHCP lease) is shown.
        --disk disk.img:/data attaches an image file (made with 'sharprun disk create' or mke2fs)
        and mounts it in the guest, if the application uses files; what the application wrote is
        on the image when it exits (written back every 5 seconds meanwhile).
        sharprun exits with the application's exit code (0-255), 124 on timeout, 125 when the
        guest panicked or stopped without reporting an exit code. QEMU must be installed:
        apt-get install qemu-system-x86.
        """);

    public static readonly CommandSpec BenchCommand = new(
        Bench,
        "Measure image size, boot and build time, memory needs, the collector, threading, networking, disks and Xen boot beside references",
        ArgumentName: null,
        ArgumentHelp: null,
        [Runs, Only, TableOutput, Project],
        AcceptsPassThrough: false,
        """
        References, measured in the same run: the app published with NativeAOT for linux-x64 (size,
        build); a minimal hand-written PVH kernel and a Debian Linux kernel with a busybox initramfs
        (boot); targets for the smallest -m that boots and for boot time at -m 2048 against -m 64
        (memory); the same program compiled with NativeAOT for linux-x64 and run in that Linux guest
        (gc: binary-trees time, target at least 0.7x its speed; collection pauses with 50 MiB live;
        threads: create+join, lock hand-off, Task.Delay(1) latency, Task.Run round trip; throughput:
        SHA-256, AES-GCM, gzip compression and decompression of 16 MiB, target at least its speed; net: through
        QEMU's user network, an HttpListener and a raw-socket HTTP server loaded by wrk, targets at least 1.5x
        its request rate and at most its p99 latency; 64 MiB of TCP each way, target at least its speed; UDP
        echo round trip; boot to the first HTTP 200; disk: on the same fresh 512 MiB ext2 image (mke2fs) and
        virtio-blk drive options, each phase in its own boot, a 256 MiB file written and read sequentially,
        target at least its speed, 4 KiB random reads and writes, small files created, stat'ed and deleted,
        target at least its rate, fsync latency); on the Xen
        rig (xen), Debian's Linux kernel with a busybox initramfs as a PVH DomU beside the app built with
        --platform xen, both created by the same dom0 in one rig boot, alternately (xl create → first line).
        Progress goes to standard error, the Markdown table to standard output; sharprun exits with 1
        when a section was skipped or failed. Debian packages are fetched with apt-get download and
        cached under $XDG_CACHE_HOME/sharprun/bench (default ~/.cache/sharprun/bench), the Xen rig's under
        $XDG_CACHE_HOME/sharprun/xen.
        Needs: qemu-system-x86_64 (boot, memory, gc, threads, throughput, net, disk, xen), apt-get and dpkg-deb
        (Linux guest, Xen rig), a C toolchain for NativeAOT publishing (size, build, gc, threads, throughput, net,
        disk), ldd (gc, threads, throughput, net, disk), wrk (net: apt-get install wrk), mke2fs and e2fsck (disk:
        apt-get install e2fsprogs).
        """);

    public static readonly IReadOnlyList<CommandSpec> All = [BuildCommand, RunCommand, BenchCommand, Disks.DiskCommands.Command];

    private const string ExitCodeText = """
        Exit codes:
          0        success; for run, the application's own exit code (0-255)
          1        build failure or other tool error; disk check: problems found
          2        usage error
          124      run: the guest timed out (--timeout)
          125      run: the guest panicked or stopped without an exit code
          130      run: interrupted (Ctrl-C)
        """;

    public static string ToolHelp()
    {
        var text = new StringBuilder();
        text.AppendLine("sharprun - turn an unmodified net10.0 console app into a bootable unikernel image, and run it");
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
        if (command.Subcommands is { } subcommands)
        {
            text.AppendLine("Commands:");
            int width = subcommands.Max(c => c.Word.Length) + 3;
            foreach (var subcommand in subcommands)
                text.AppendLine($"  {subcommand.Word.PadRight(width)}{subcommand.Summary}");
            text.AppendLine();
            text.AppendLine($"Run 'sharprun {command.Name} <command> --help' for a command's options.");
            text.AppendLine();
            foreach (var line in command.Details.Split('\n'))
                text.AppendLine(line.TrimEnd());
            return text.ToString();
        }
        if (command.ArgumentName is not null || command.AcceptsPassThrough)
        {
            text.AppendLine("Arguments:");
            if (command.ArgumentName is not null)
            {
                text.AppendLine($"  <{command.ArgumentName}>");
                text.AppendLine($"      {command.ArgumentHelp}");
                foreach (var argument in command.MoreArguments ?? [])
                {
                    text.AppendLine($"  {argument.Synopsis}");
                    text.AppendLine($"      {argument.Help}");
                }
            }
            if (command.AcceptsPassThrough)
            {
                text.AppendLine("  -- args...");
                text.AppendLine("      Arguments for the application");
            }
            text.AppendLine();
        }
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
        command.Subcommands is { } subcommands
            ? $"{command.Name} {string.Join("|", subcommands.Select(c => c.Word))} <image> ..."
            : command.Name + (command.ArgumentName is null ? "" : $" <{command.ArgumentName}>") +
              string.Concat((command.MoreArguments ?? []).Select(a => " " + a.Synopsis)) + " [options]" +
              (command.AcceptsPassThrough ? " [-- args...]" : string.Empty);
}
