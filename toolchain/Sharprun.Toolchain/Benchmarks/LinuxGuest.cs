using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The Linux reference guest: Debian's own kernel of the running release and a busybox initramfs whose /init
/// prints <see cref="LinuxInitramfs.Marker"/> and powers off, or runs a program. Both packages come through
/// <see cref="DebianPackageCache"/>.
/// </summary>
public static class LinuxGuest
{
    public const string CommandLine = "console=ttyS0 quiet";

    public static BootGuest Prepare(BenchmarkWorkspace workspace)
    {
        var (kernelPackage, kernel, busybox) = Fetch(workspace);
        string initramfs = Path.Combine(workspace.WorkDirectory, "linux-initramfs.cpio.gz");
        File.WriteAllBytes(initramfs, LinuxInitramfs.Build(File.ReadAllBytes(busybox)));
        return new BootGuest(Name(kernelPackage), kernel, initramfs, CommandLine, LinuxInitramfs.Marker, TimeSpan.FromSeconds(180));
    }

    /// <summary>
    /// A guest whose /init runs the dynamically linked <paramref name="binary"/> with <paramref name="arguments"/>,
    /// its shared libraries copied from this host, with <paramref name="loadedAtRunTime"/> (libraries it dlopens, which
    /// ldd cannot see, such as .NET's OpenSSL) and theirs; it counts as done when the program's exit line arrives.
    /// With <paramref name="network"/>, /init first loads the virtio-net driver from the kernel package and
    /// configures eth0 for QEMU's user network (<see cref="LinuxNetworkSetup"/>); the NIC itself is the caller's
    /// QEMU arguments. With <paramref name="diskMountPoint"/>, /init loads the virtio-blk and ext4 drivers and mounts
    /// the first virtio disk there as ext2 (<see cref="LinuxDiskSetup"/>); the disk is the caller's
    /// <see cref="BootGuest.Devices"/>.
    /// </summary>
    public static BootGuest PrepareProgram(
        BenchmarkWorkspace workspace, string binary, IReadOnlyList<string> arguments, string initramfs, int memoryMiB, TimeSpan timeout,
        IReadOnlyList<string> loadedAtRunTime, bool network = false, string? diskMountPoint = null)
    {
        var (kernelPackage, kernel, busybox) = Fetch(workspace);
        var packages = new DebianPackageCache(workspace.CacheDirectory, workspace.Log);
        var setup = network
            ? LinuxNetworkSetup.UserNetwork(packages.FetchKernelModules(kernelPackage, LinuxNetworkSetup.DriverModules))
            : null;
        var disk = diskMountPoint is not null
            ? LinuxDiskSetup.Ext2(packages.FetchKernelModules(kernelPackage, LinuxDiskSetup.DriverModules), diskMountPoint)
            : null;
        var libraries = SharedLibraryDependencies.Of(binary)
            .Concat(loadedAtRunTime.SelectMany(library => SharedLibraryDependencies.Of(library).Prepend(library)))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllBytes(path))).ToList();
        File.WriteAllBytes(initramfs, LinuxInitramfs.BuildForProgram(
            File.ReadAllBytes(busybox), Path.GetFileName(binary), File.ReadAllBytes(binary), arguments, libraries, setup, disk));
        return new BootGuest(Name(kernelPackage), kernel, initramfs, CommandLine, LinuxInitramfs.ProgramExitMarker, timeout, memoryMiB);
    }

    private static (string KernelPackage, string Kernel, string Busybox) Fetch(BenchmarkWorkspace workspace)
    {
        var packages = new DebianPackageCache(workspace.CacheDirectory, workspace.Log);
        string kernelPackage = packages.KernelPackageName();
        string kernel = packages.Fetch(kernelPackage, "vmlinuz", "boot/vmlinuz-*");
        string busybox = packages.Fetch("busybox-static", "busybox", "bin/busybox", "usr/bin/busybox");
        return (kernelPackage, kernel, busybox);
    }

    private static string Name(string kernelPackage) => $"Linux ({kernelPackage})";
}
