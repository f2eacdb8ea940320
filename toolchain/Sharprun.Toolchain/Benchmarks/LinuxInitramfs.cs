using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Baking;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The reference Linux guest's initramfs: a static busybox and an /init script. For the boot benchmark /init prints
/// <see cref="Marker"/> on the console and powers the machine off at once; for a program benchmark it runs a
/// dynamically linked program (with its shared libraries at the paths they have on the host; with a NIC brought up
/// first when asked, see <see cref="LinuxNetworkSetup"/>, or a disk mounted, see <see cref="LinuxDiskSetup"/>), prints
/// <see cref="ProgramExitMarker"/> and the program's exit code, unmounts the disk if any, and powers off.
/// /dev/console is included because the kernel opens it for /init's standard streams before any devtmpfs exists.
/// </summary>
public static class LinuxInitramfs
{
    public const string Marker = "sharprun-bench: linux init reached";

    /// <summary>Followed on the same line by the program's exit code.</summary>
    public const string ProgramExitMarker = "sharprun-bench: program exited with ";

    /// <summary>Where the program lies in the guest.</summary>
    public const string ProgramDirectory = "app";

    /// <summary>Where kernel modules lie in the guest.</summary>
    public const string ModuleDirectory = "lib/modules";

    public static string InitScript =>
        "#!/bin/busybox sh\n" +
        $"/bin/busybox echo '{Marker}'\n" +
        "/bin/busybox poweroff -f\n";

    /// <summary>
    /// The /init that runs /app/<paramref name="name"/> with <paramref name="arguments"/> (each single-quoted for the
    /// shell), after <paramref name="network"/>'s or <paramref name="disk"/>'s setup when given (one of them: each
    /// mounts /dev and loads its own virtio modules, and no benchmark needs both).
    /// </summary>
    public static string ProgramInitScript(string name, IReadOnlyList<string> arguments, LinuxNetworkSetup? network = null, LinuxDiskSetup? disk = null)
    {
        CheckProgramName(name);
        if (network is not null && disk is not null)
            throw new ArgumentException("a guest gets a network or a disk setup, not both", nameof(disk));
        foreach (var argument in arguments)
        {
            if (argument.Any(c => c == '\'' || char.IsControl(c)))
                throw new ArgumentException($"the argument '{argument}' cannot be passed through the init script (quote or control character)", nameof(arguments));
        }
        return "#!/bin/busybox sh\n" +
               "/bin/busybox mount -t proc proc /proc\n" +
               "/bin/busybox mount -t sysfs sysfs /sys\n" +
               string.Concat((network?.Commands() ?? disk?.Commands() ?? []).Select(c => c + "\n")) +
               $"/{ProgramDirectory}/{name}" + string.Concat(arguments.Select(a => $" '{a}'")) + "\n" +
               $"/bin/busybox echo \"{ProgramExitMarker}$?\"\n" +
               string.Concat((disk?.FinishCommands() ?? []).Select(c => c + "\n")) +
               "/bin/busybox poweroff -f\n";
    }

    /// <summary>A gzip-compressed newc cpio archive holding <paramref name="busybox"/> and the /init script.</summary>
    public static byte[] Build(ReadOnlySpan<byte> busybox)
    {
        CheckElf(busybox, "busybox", nameof(busybox));
        var busyboxBytes = busybox.ToArray();
        return Compress(cpio =>
        {
            AddBase(cpio, busyboxBytes);
            cpio.AddFile("init", Encoding.ASCII.GetBytes(InitScript), executable: true);
        });
    }

    /// <summary>
    /// An archive that runs <paramref name="binary"/> as /app/<paramref name="name"/>; <paramref name="libraries"/> are
    /// absolute paths with the files' contents, stored at the same paths; <paramref name="network"/>'s or
    /// <paramref name="disk"/>'s modules go to /lib/modules.
    /// </summary>
    public static byte[] BuildForProgram(
        ReadOnlySpan<byte> busybox, string name, ReadOnlySpan<byte> binary, IReadOnlyList<string> arguments,
        IReadOnlyList<(string Path, byte[] Contents)> libraries, LinuxNetworkSetup? network = null, LinuxDiskSetup? disk = null)
    {
        CheckElf(busybox, "busybox", nameof(busybox));
        CheckElf(binary, name, nameof(binary));
        string script = ProgramInitScript(name, arguments, network, disk);
        var modules = network?.Modules ?? disk?.Modules ?? [];
        foreach (var module in modules)
            CheckElf(module.Contents, $"{module.Name} module", network is null ? nameof(disk) : nameof(network));
        var busyboxBytes = busybox.ToArray();
        var binaryBytes = binary.ToArray();
        return Compress(cpio =>
        {
            AddBase(cpio, busyboxBytes);
            var directories = new HashSet<string>(StringComparer.Ordinal) { "dev", "bin", "proc", "sys" };
            foreach (var (path, contents) in libraries)
            {
                if (!path.StartsWith('/'))
                    throw new ArgumentException($"library path '{path}' is not absolute", nameof(libraries));
                string relative = path[1..];
                AddParents(cpio, relative, directories);
                cpio.AddFile(relative, contents, executable: true);
            }
            foreach (var module in modules)
            {
                string path = $"{ModuleDirectory}/{module.Name}.ko";
                AddParents(cpio, path, directories);
                cpio.AddFile(path, module.Contents, executable: false);
            }
            AddParents(cpio, $"{ProgramDirectory}/{name}", directories);
            cpio.AddFile($"{ProgramDirectory}/{name}", binaryBytes, executable: true);
            cpio.AddFile("init", Encoding.ASCII.GetBytes(script), executable: true);
        });
    }

    private static void AddBase(CpioArchiveWriter cpio, ReadOnlySpan<byte> busybox)
    {
        cpio.AddDirectory("dev");
        cpio.AddCharacterDevice("dev/console", 5, 1);
        cpio.AddDirectory("bin");
        cpio.AddFile("bin/busybox", busybox, executable: true);
        cpio.AddSymbolicLink("bin/sh", "busybox");
        cpio.AddDirectory("proc");
        cpio.AddDirectory("sys");
    }

    /// <summary>Adds the folders above <paramref name="path"/> that are not in the archive yet, outermost first (the unpacker needs them first).</summary>
    private static void AddParents(CpioArchiveWriter cpio, string path, HashSet<string> directories)
    {
        var parts = path.Split('/');
        for (int i = 1; i < parts.Length; i++)
        {
            string directory = string.Join('/', parts[..i]);
            if (directories.Add(directory))
                cpio.AddDirectory(directory);
        }
    }

    private static byte[] Compress(Action<CpioArchiveWriter> write)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var cpio = new CpioArchiveWriter(gzip);
            write(cpio);
            cpio.Finish();
        }
        return compressed.ToArray();
    }

    private static void CheckElf(ReadOnlySpan<byte> file, string what, string parameter)
    {
        if (file.Length < 4 || file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
            throw new ArgumentException($"the {what} binary is not an ELF file", parameter);
    }

    private static void CheckProgramName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || name is "." or "..")
            throw new ArgumentException($"'{name}' cannot name the program in the guest: use letters, digits, '.', '_' and '-'", nameof(name));
    }
}
