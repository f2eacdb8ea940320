using System;
using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// How the Linux guest's /init mounts the benchmark's disk before the program runs and unmounts it after: load the
/// virtio-blk driver's and the file system's modules in order (Debian builds them as modules), mount the first
/// virtio disk, /dev/vda (devtmpfs makes the node), at <see cref="MountPoint"/>, and list the mounts so the console
/// shows which driver serves it. Unmounting afterwards writes back what the page cache still holds: busybox's
/// <c>poweroff -f</c> does not sync, and the next boot of the same disk must find what this one wrote.
/// </summary>
public sealed record LinuxDiskSetup(IReadOnlyList<KernelModule> Modules, string FileSystemType, string MountPoint)
{
    /// <summary>
    /// The driver of QEMU's virtio-blk-pci device and the file system: Debian's kernel has no ext2 driver of its own
    /// (CONFIG_EXT2_FS is off) and serves ext2 with ext4's (CONFIG_EXT4_USE_FOR_EXT2). ext4 and jbd2 name crc32c only
    /// as a soft dependency ("crypto-crc32c"), which modprobe resolves and insmod does not, so the generic one is
    /// loaded by name; their hard dependencies come with them.
    /// </summary>
    public static readonly IReadOnlyList<string> DriverModules = ["virtio_pci", "virtio_blk", "crc32c_generic", "ext4"];

    public const string Device = "/dev/vda";

    /// <summary>Printed by /init, with the failed command, when a step fails; the host refuses a run that printed it.</summary>
    public const string FailureMarker = "sharprun-bench: disk setup failed: ";

    public static LinuxDiskSetup Ext2(IReadOnlyList<KernelModule> modules, string mountPoint) => new(modules, "ext2", mountPoint);

    /// <summary>The /init lines before the program, each run with busybox and reported when it fails.</summary>
    public IReadOnlyList<string> Commands()
    {
        Check();
        var commands = new List<string> { "mount -t devtmpfs devtmpfs /dev" };
        commands.AddRange(Modules.Select(module => $"insmod /{LinuxInitramfs.ModuleDirectory}/{module.Name}.ko"));
        commands.AddRange([$"mkdir -p {MountPoint}", $"mount -t {FileSystemType} {Device} {MountPoint}", "cat /proc/mounts"]);
        return Reported(commands);
    }

    /// <summary>The /init lines after the program.</summary>
    public IReadOnlyList<string> FinishCommands()
    {
        Check();
        return Reported([$"umount {MountPoint}"]);
    }

    private void Check()
    {
        var names = Modules.Select(m => m.Name).ToList();
        if (names.Any(name => !KernelModule.IsName(name)) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new ArgumentException("the module names must be distinct names of letters, digits and '_'", nameof(Modules));
        if (FileSystemType.Length == 0 || !FileSystemType.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"'{FileSystemType}' is not a file system type", nameof(FileSystemType));
        var parts = MountPoint.Split('/');
        if (MountPoint.Length < 2 || parts[0].Length != 0 || parts[1..].Any(part => part.Length == 0 || part is "." or ".." || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            throw new ArgumentException($"'{MountPoint}' is not an absolute path of plain names the init script can use", nameof(MountPoint));
    }

    private static List<string> Reported(IEnumerable<string> commands) =>
        commands.Select(c => $"/bin/busybox {c} || /bin/busybox echo '{FailureMarker}{c}'").ToList();
}
