using System;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The Linux reference guest: Debian's own kernel of the running release and a busybox initramfs whose /init
/// prints <see cref="LinuxInitramfs.Marker"/> and powers off. Both packages come through <see cref="DebianPackageCache"/>.
/// </summary>
public static class LinuxGuest
{
    public const string CommandLine = "console=ttyS0 quiet";

    public static BootGuest Prepare(BenchmarkWorkspace workspace)
    {
        var packages = new DebianPackageCache(workspace.CacheDirectory, workspace.Log);
        string kernelPackage = packages.KernelPackageName();
        string kernel = packages.Fetch(kernelPackage, "vmlinuz", "boot/vmlinuz-*");
        string busybox = packages.Fetch("busybox-static", "busybox", "bin/busybox", "usr/bin/busybox");

        string initramfs = Path.Combine(workspace.WorkDirectory, "linux-initramfs.cpio.gz");
        File.WriteAllBytes(initramfs, LinuxInitramfs.Build(File.ReadAllBytes(busybox)));
        return new BootGuest($"Linux ({kernelPackage})", kernel, initramfs, CommandLine, LinuxInitramfs.Marker, TimeSpan.FromSeconds(180));
    }
}
