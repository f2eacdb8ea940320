using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// The pieces of the Xen rig, prepared once and cached (<see cref="XenRigCache"/>): Xen itself (gunzipped, for
/// QEMU's multiboot loader), Debian's kernel for dom0, and dom0's base initramfs (busybox, glibc, the Xen tools and
/// libraries, the Xen device modules, <see cref="Dom0Script.Init"/>). A run appends a small second archive with
/// the guests (Linux unpacks concatenated archives).
/// </summary>
public sealed class XenRig
{
    /// <summary>Trees and files of packages that never reach dom0's root.</summary>
    private static readonly string[] SkippedFolders =
        ["usr/share", "usr/lib/xen-4.17/lib/python", "usr/lib/x86_64-linux-gnu/gconv", "usr/lib/xen-4.17/boot", "etc/init.d", "lib/systemd", "usr/lib/systemd"];

    private readonly string _cache;
    private readonly StepLog _log;

    private XenRig(string cache, StepLog log, string hypervisor, string kernel, string baseInitramfs)
    {
        _cache = cache;
        _log = log;
        Hypervisor = hypervisor;
        Kernel = kernel;
        BaseInitramfs = baseInitramfs;
    }

    /// <summary>Xen 4.17, uncompressed.</summary>
    public string Hypervisor { get; }

    /// <summary>Debian's vmlinuz, dom0's (and the Linux reference guest's) kernel.</summary>
    public string Kernel { get; }

    /// <summary>gzip-compressed newc cpio of dom0's root.</summary>
    public string BaseInitramfs { get; }

    /// <summary>static busybox, for reference guests' initramfs.</summary>
    public string Busybox => Path.Combine(_cache, "root", "bin", "busybox");

    /// <summary>Fetches and builds what is missing.</summary>
    public static XenRig Prepare(StepLog log)
    {
        string cache = XenRigCache.Directory();
        Directory.CreateDirectory(cache);
        var packages = new XenRigPackages(cache, log);

        string hypervisor = Path.Combine(cache, "xen-4.17");
        if (!File.Exists(hypervisor))
        {
            string tree = packages.Tree(XenRigPackages.Hypervisor);
            string compressed = Directory.GetFiles(Path.Combine(tree, "boot"), "xen-4.17-amd64.gz").SingleOrDefault()
                ?? throw new ToolchainException($"{XenRigPackages.Hypervisor} holds no boot/xen-4.17-amd64.gz");
            using (var input = new GZipStream(File.OpenRead(compressed), CompressionMode.Decompress))
            using (var output = File.Create(hypervisor + ".partial"))
                input.CopyTo(output);
            File.Move(hypervisor + ".partial", hypervisor, overwrite: true);
        }

        string kernelFolder = Path.Combine(cache, "kernel");
        string kernel = Path.Combine(kernelFolder, "vmlinuz");
        if (!File.Exists(kernel))
            ExtractKernel(packages, kernelFolder, log);

        string root = Path.Combine(cache, "root");
        string rootStamp = root + ".complete";
        if (!File.Exists(rootStamp))
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            foreach (var package in XenRigPackages.Dom0Packages)
                CopyTree(packages.Tree(package), root);
            File.WriteAllText(rootStamp, string.Join('\n', XenRigPackages.Dom0Packages) + "\n");
        }

        string init = Dom0Script.Init(XenRigPackages.Dom0Modules);
        string version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(init + File.ReadAllText(rootStamp))))[..16];
        string baseInitramfs = Path.Combine(cache, $"dom0-{version}.cpio.gz");
        if (!File.Exists(baseInitramfs))
        {
            log.Step("dom0 initramfs", () => BuildBase(root, kernelFolder, init, baseInitramfs));
            foreach (var stale in Directory.GetFiles(cache, "dom0-*.cpio.gz").Where(f => f != baseInitramfs))
                File.Delete(stale);
        }
        return new XenRig(cache, log, hypervisor, kernel, baseInitramfs);
    }

    /// <summary>vmlinuz and the Xen device modules out of Debian's kernel package; the rest (hundreds of MiB) is deleted.</summary>
    private static void ExtractKernel(XenRigPackages packages, string kernelFolder, StepLog log)
    {
        string name;
        try
        {
            name = packages.KernelPackage();
        }
        catch (BenchmarkPrerequisiteException e)
        {
            throw new ToolchainException(e.Message);
        }
        string tree = packages.Tree(name);
        try
        {
            Directory.CreateDirectory(kernelFolder);
            var vmlinuz = Directory.GetFiles(Path.Combine(tree, "boot"), "vmlinuz-*").SingleOrDefault()
                ?? throw new ToolchainException($"{name} holds no boot/vmlinuz-*");
            foreach (var module in XenRigPackages.Dom0Modules)
            {
                string found = Directory.GetFiles(Path.Combine(tree, "lib", "modules"), module + ".ko", SearchOption.AllDirectories).SingleOrDefault()
                    ?? throw new ToolchainException($"{name} holds no {module}.ko");
                File.Copy(found, Path.Combine(kernelFolder, module + ".ko"), overwrite: true);
            }
            File.Copy(vmlinuz, Path.Combine(kernelFolder, "vmlinuz.partial"), overwrite: true);
            File.Move(Path.Combine(kernelFolder, "vmlinuz.partial"), Path.Combine(kernelFolder, "vmlinuz"), overwrite: true);
        }
        finally
        {
            Directory.Delete(tree, recursive: true);
            File.Delete(tree + ".complete");
        }
    }

    /// <summary>Merges a package tree into dom0's root (symbolic links kept as links).</summary>
    private static void CopyTree(string tree, string root)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(tree, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(tree, entry).Replace('\\', '/');
            if (SkippedFolders.Any(s => relative == s || relative.StartsWith(s + "/", StringComparison.Ordinal)))
                continue;
            string target = Path.Combine(root, relative);
            var info = new FileInfo(entry);
            if (info.LinkTarget is { } link)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!File.Exists(target) && !Directory.Exists(target))
                    File.CreateSymbolicLink(target, link);
            }
            else if (Directory.Exists(entry))
            {
                Directory.CreateDirectory(target);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(entry, target, overwrite: true);
            }
        }
    }

    private static void BuildBase(string root, string kernelFolder, string init, string destination)
    {
        using (var file = File.Create(destination + ".partial"))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            var cpio = new CpioArchiveWriter(gzip);
            foreach (var folder in new[] { "dev", "proc", "sys", "run", "tmp", "var", "lib", "lib/modules", "rig" })
                cpio.AddDirectory(folder);
            cpio.AddCharacterDevice("dev/console", 5, 1);
            var written = new HashSet<string>(StringComparer.Ordinal) { "dev", "proc", "sys", "run", "tmp", "var", "lib", "lib/modules", "rig" };
            foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(root, entry).Replace('\\', '/');
                if (!written.Add(relative))
                    continue;
                var info = new FileInfo(entry);
                if (info.LinkTarget is { } link)
                    cpio.AddSymbolicLink(relative, link);
                else if (Directory.Exists(entry))
                    cpio.AddDirectory(relative);
                else
                    cpio.AddFile(relative, File.ReadAllBytes(entry), executable: !OperatingSystem.IsWindows() && (File.GetUnixFileMode(entry) & UnixFileMode.UserExecute) != 0);
            }
            foreach (var module in XenRigPackages.Dom0Modules)
                cpio.AddFile($"lib/modules/{module}.ko", File.ReadAllBytes(Path.Combine(kernelFolder, module + ".ko")), executable: false);
            cpio.AddFile("init", Encoding.ASCII.GetBytes(init), executable: true);
            cpio.Finish();
        }
        File.Move(destination + ".partial", destination, overwrite: true);
    }

    /// <summary>dom0's initramfs for one run: the base archive followed by one holding the guests and run.sh.</summary>
    public byte[] RunInitramfs(IReadOnlyList<XenGuest> guests)
    {
        using var stream = new MemoryStream();
        using (var input = File.OpenRead(BaseInitramfs))
            input.CopyTo(stream);
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            var cpio = new CpioArchiveWriter(gzip);
            foreach (var guest in guests)
            {
                if (!XenGuest.IsValidName(guest.Name))
                    throw new ArgumentException($"invalid Xen guest name '{guest.Name}'");
                string kernelPath = $"/rig/{guest.Name}.kernel";
                cpio.AddFile(kernelPath[1..], File.ReadAllBytes(guest.Kernel), executable: false);
                string? ramdiskPath = null;
                if (guest.Ramdisk is not null)
                {
                    ramdiskPath = $"/rig/{guest.Name}.ramdisk";
                    cpio.AddFile(ramdiskPath[1..], File.ReadAllBytes(guest.Ramdisk), executable: false);
                }
                cpio.AddFile($"rig/{guest.Name}.cfg", Encoding.UTF8.GetBytes(Dom0Script.Configuration(guest, kernelPath, ramdiskPath)), executable: false);
            }
            cpio.AddFile("rig/run.sh", Encoding.UTF8.GetBytes(Dom0Script.Run(guests)), executable: true);
            cpio.Finish();
        }
        return stream.ToArray();
    }
}
