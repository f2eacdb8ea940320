using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Fetches one file (or a kernel package's modules) out of a Debian package, once: <c>apt-get download</c>,
/// <c>dpkg-deb -x</c> into a scratch folder, copy the wanted file to <c>&lt;cache&gt;/debian/&lt;package&gt;/</c>, delete the rest (a kernel
/// package unpacks to hundreds of MiB of modules the benchmark does not need).
/// </summary>
public sealed class DebianPackageCache
{
    private readonly string _directory;
    private readonly StepLog _log;

    public DebianPackageCache(string cacheDirectory, StepLog log)
    {
        _directory = Path.Combine(cacheDirectory, "debian");
        _log = log;
    }

    /// <summary>The name of the kernel image package of the running Debian release.</summary>
    public string KernelPackageName()
    {
        string aptCache = HostExecutable.Locate("apt-cache", "the Linux guest needs a Debian host with apt");
        var search = ToolProcess.Run(aptCache, ["search", "--names-only", "^linux-image-"], CreatedDirectory(), echo: null);
        if (search.ExitCode != 0)
            throw new BenchmarkPrerequisiteException($"apt-cache search failed: {Tail(search.Output)}");
        return DebianKernelPackage.Choose(search.Output)
            ?? throw new BenchmarkPrerequisiteException("apt-cache search found no linux-image-<version>-amd64 package (run apt-get update?)");
    }

    /// <summary>
    /// The path of the cached file <paramref name="fileName"/> from <paramref name="package"/>, fetching it when
    /// absent; <paramref name="relativePaths"/> are where it may lie in the package (the first that exists wins;
    /// a '*' in the last component matches any text).
    /// </summary>
    public string Fetch(string package, string fileName, params string[] relativePaths)
    {
        string packageDirectory = Path.Combine(_directory, package);
        string cached = Path.Combine(packageDirectory, fileName);
        if (File.Exists(cached))
            return cached;

        return Unpacked(package, root =>
        {
            string found = relativePaths.Select(p => Find(root, p)).FirstOrDefault(p => p is not null)
                ?? throw new BenchmarkPrerequisiteException($"{package} holds none of {string.Join(", ", relativePaths)}");
            // Copy then rename, so an interrupted run never leaves a truncated file that looks cached.
            File.Copy(found, cached + ".partial", overwrite: true);
            File.Move(cached + ".partial", cached, overwrite: true);
            return cached;
        });
    }

    /// <summary>
    /// The modules <paramref name="wanted"/> of the kernel package <paramref name="package"/> and those they depend
    /// on, in load order (<see cref="KernelModule.LoadOrder"/>), decompressed where the package ships them as .ko.xz;
    /// cached under <c>&lt;cache&gt;/debian/&lt;package&gt;/modules/</c> with a list of the order, written last.
    /// </summary>
    public IReadOnlyList<KernelModule> FetchKernelModules(string package, IReadOnlyList<string> wanted)
    {
        string folder = Path.Combine(_directory, package, "modules-" + string.Join('+', wanted.Select(KernelModule.NameOf)));
        string orderFile = Path.Combine(folder, "load-order");
        if (File.Exists(orderFile))
        {
            return File.ReadAllLines(orderFile).Where(name => name.Length > 0)
                .Select(name => new KernelModule(name, File.ReadAllBytes(Path.Combine(folder, name + ".ko")))).ToList();
        }
        var modules = Unpacked(package, root =>
        {
            var files = Directory.Exists(Path.Combine(root, "lib", "modules"))
                ? Directory.EnumerateFiles(Path.Combine(root, "lib", "modules"), "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".ko", StringComparison.Ordinal) || f.EndsWith(".ko.xz", StringComparison.Ordinal))
                    .GroupBy(f => KernelModule.NameOf(Path.GetFileName(f)), StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).First(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                return KernelModule.LoadOrder(wanted, name => files.TryGetValue(name, out var file) ? new KernelModule(name, ModuleBytes(file)) : null);
            }
            catch (ArgumentException e)
            {
                throw new BenchmarkPrerequisiteException($"{package}: {e.Message}");
            }
        });
        Directory.CreateDirectory(folder);
        foreach (var module in modules)
            File.WriteAllBytes(Path.Combine(folder, module.Name + ".ko"), module.Contents);
        File.WriteAllLines(orderFile + ".partial", modules.Select(m => m.Name));
        File.Move(orderFile + ".partial", orderFile, overwrite: true);
        return modules;
    }

    /// <summary>A module file's bytes; busybox's insmod takes only uncompressed modules, so a .ko.xz goes through xz.</summary>
    private static byte[] ModuleBytes(string file)
    {
        if (!file.EndsWith(".xz", StringComparison.Ordinal))
            return File.ReadAllBytes(file);
        string xz = HostExecutable.Locate("xz", "the kernel package's modules are xz-compressed: apt-get install xz-utils");
        var unpack = ToolProcess.Run(xz, ["--decompress", "--keep", "--force", file], Path.GetDirectoryName(file)!, echo: null);
        if (unpack.ExitCode != 0)
            throw new BenchmarkPrerequisiteException($"xz --decompress {file} failed: {Tail(unpack.Output)}");
        return File.ReadAllBytes(file[..^".xz".Length]);
    }

    /// <summary>Downloads <paramref name="package"/>, unpacks it into a scratch folder, lets <paramref name="take"/> copy what it needs, and deletes the rest.</summary>
    private T Unpacked<T>(string package, Func<string, T> take)
    {
        string aptGet = HostExecutable.Locate("apt-get", "the Linux guest needs a Debian host with apt");
        string dpkgDeb = HostExecutable.Locate("dpkg-deb", "apt-get install dpkg");
        string scratch = Path.Combine(_directory, package, "scratch");
        if (Directory.Exists(scratch))
            Directory.Delete(scratch, recursive: true);
        Directory.CreateDirectory(scratch);
        try
        {
            _log.Step("download", () =>
            {
                var download = ToolProcess.Run(aptGet, ["download", package], scratch, echo: null);
                if (download.ExitCode != 0)
                    throw new BenchmarkPrerequisiteException($"apt-get download {package} failed (offline?): {Tail(download.Output)}");
            });
            string deb = Directory.GetFiles(scratch, "*.deb").SingleOrDefault()
                ?? throw new BenchmarkPrerequisiteException($"apt-get download {package} left no single .deb in {scratch}");
            string root = Path.Combine(scratch, "root");
            _log.Step("unpack", () =>
            {
                var unpack = ToolProcess.Run(dpkgDeb, ["-x", deb, root], scratch, echo: null);
                if (unpack.ExitCode != 0)
                    throw new BenchmarkPrerequisiteException($"dpkg-deb -x {deb} failed: {Tail(unpack.Output)}");
            });
            return take(root);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private string CreatedDirectory() => Directory.CreateDirectory(_directory).FullName;

    private static string? Find(string root, string relativePath)
    {
        string folder = Path.Combine(root, Path.GetDirectoryName(relativePath) ?? "");
        if (!Directory.Exists(folder))
            return null;
        string pattern = Path.GetFileName(relativePath);
        return Directory.GetFiles(folder, pattern).Where(f => !Directory.Exists(f)).Order(StringComparer.Ordinal).LastOrDefault();
    }

    private static string Tail(string output)
    {
        var lines = output.Trim().Split('\n');
        return string.Join(" / ", lines.Skip(Math.Max(0, lines.Length - 3))).Trim();
    }
}
