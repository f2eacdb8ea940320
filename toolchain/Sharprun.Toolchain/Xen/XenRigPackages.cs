using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// The Debian packages the Xen rig is made of, fetched once with <c>apt-get download</c> and unpacked with
/// <c>dpkg-deb -x</c> into <c>&lt;cache&gt;/packages/&lt;name&gt;/</c> (a <c>.complete</c> stamp marks a finished
/// unpack). Xen 4.17 and its tools, their libraries, glibc, static busybox and Debian's kernel (of which only
/// vmlinuz and the Xen device modules are kept).
/// </summary>
public sealed class XenRigPackages
{
    public const string Hypervisor = "xen-hypervisor-4.17-amd64";

    /// <summary>Everything dom0 runs: the tools, xenstore-read/-write, and the libraries they link (ldd of xl, xenstored, xenconsoled).</summary>
    public static readonly IReadOnlyList<string> Dom0Packages =
    [
        "xen-utils-4.17", "xenstore-utils", "busybox-static",
        "libxencall1", "libxenevtchn1", "libxenforeignmemory1", "libxengnttab1", "libxenmisc4.17", "libxenstore4",
        "libxentoollog1", "libxendevicemodel1", "libxenhypfs1", "libxentoolcore1", "libyajl2",
        "libc6", "libgcc-s1", "libuuid1", "zlib1g", "liblzma5", "libzstd1",
    ];

    /// <summary>The kernel modules dom0 loads before the tools can talk to Xen.</summary>
    public static readonly IReadOnlyList<string> Dom0Modules = ["xen-evtchn", "xen-privcmd", "xen-gntdev", "xen-gntalloc", "xenfs"];

    private readonly string _directory;
    private readonly StepLog _log;

    public XenRigPackages(string cacheDirectory, StepLog log)
    {
        _directory = Path.Combine(cacheDirectory, "packages");
        _log = log;
    }

    /// <summary>The unpacked tree of <paramref name="package"/>, fetching it when absent.</summary>
    public string Tree(string package)
    {
        string tree = Path.Combine(_directory, package);
        string stamp = tree + ".complete";
        if (File.Exists(stamp) && Directory.Exists(tree))
            return tree;

        string aptGet = HostExecutable.Locate("apt-get", "the Xen rig needs a Debian host with apt");
        string dpkgDeb = HostExecutable.Locate("dpkg-deb", "apt-get install dpkg");
        string scratch = tree + ".download";
        foreach (var stale in new[] { scratch, tree })
        {
            if (Directory.Exists(stale))
                Directory.Delete(stale, recursive: true);
        }
        Directory.CreateDirectory(scratch);
        try
        {
            _log.Step("download " + package, () =>
            {
                var download = ToolProcess.Run(aptGet, ["download", package], scratch, echo: null);
                if (download.ExitCode != 0)
                    throw new ToolchainException($"apt-get download {package} failed (offline, or run apt-get update?): {Tail(download.Output)}");
            });
            string deb = Directory.GetFiles(scratch, "*.deb").SingleOrDefault()
                ?? throw new ToolchainException($"apt-get download {package} left no single .deb in {scratch}");
            var unpack = ToolProcess.Run(dpkgDeb, ["-x", deb, tree], scratch, echo: null);
            if (unpack.ExitCode != 0)
                throw new ToolchainException($"dpkg-deb -x {deb} failed: {Tail(unpack.Output)}");
            File.WriteAllText(stamp, Path.GetFileName(deb) + "\n");
            return tree;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The name of Debian's current kernel image package (linux-image-A.B.C-N-amd64).</summary>
    public string KernelPackage() => new DebianPackageCache(Path.GetDirectoryName(_directory)!, _log).KernelPackageName();

    private static string Tail(string output)
    {
        var lines = output.Trim().Split('\n');
        return string.Join(" / ", lines.Skip(Math.Max(0, lines.Length - 3))).Trim();
    }
}
