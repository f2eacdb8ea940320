using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// A Linux kernel module (an uncompressed .ko) for the Linux guest's initramfs, with the modules it needs loaded
/// first, as its <c>.modinfo</c> section lists them (<c>depends=a,b</c>, what <c>modinfo -F depends</c> prints).
/// </summary>
public sealed record KernelModule(string Name, byte[] Contents)
{
    /// <summary>The module names in the file's <c>depends=</c> record; empty when it has none or lists none.</summary>
    public IReadOnlyList<string> Dependencies => DependenciesOf(Contents);

    /// <summary>
    /// The <c>depends=</c> record of a module file. Modinfo records are NUL-terminated "key=value" strings, so the
    /// record is found as a NUL followed by "depends="; a file with none or two of them is not a module we can use.
    /// </summary>
    public static IReadOnlyList<string> DependenciesOf(ReadOnlySpan<byte> module)
    {
        ReadOnlySpan<byte> key = "\0depends="u8;
        int at = module.IndexOf(key);
        if (at < 0)
            throw new ArgumentException("the file has no modinfo 'depends=' record: not a Linux kernel module", nameof(module));
        var rest = module[(at + key.Length)..];
        if (rest.IndexOf(key) >= 0)
            throw new ArgumentException("the file has two modinfo 'depends=' records", nameof(module));
        int end = rest.IndexOf((byte)0);
        if (end < 0)
            throw new ArgumentException("the modinfo 'depends=' record is not terminated", nameof(module));
        string list = Encoding.ASCII.GetString(rest[..end]);
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(NameOf).ToList();
        if (names.Any(name => !IsName(name)))
            throw new ArgumentException($"the modinfo 'depends=' record '{list}' is not a list of module names", nameof(module));
        return names;
    }

    /// <summary>A module's name as the kernel knows it: the file name without .ko (or .ko.xz), '-' read as '_'.</summary>
    public static string NameOf(string fileOrName)
    {
        string name = fileOrName;
        foreach (var suffix in new[] { ".ko.xz", ".ko" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
                name = name[..^suffix.Length];
        }
        return name.Replace('-', '_');
    }

    public static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// <paramref name="wanted"/> and everything they depend on, each after its dependencies (the order insmod needs).
    /// <paramref name="find"/> gives a module by name, or null when the kernel package has none by that name.
    /// </summary>
    public static IReadOnlyList<KernelModule> LoadOrder(IEnumerable<string> wanted, Func<string, KernelModule?> find)
    {
        var ordered = new List<KernelModule>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name, string neededBy)
        {
            if (done.Contains(name))
                return;
            if (!visiting.Add(name))
                throw new ArgumentException($"the kernel modules depend on each other in a cycle through {name}");
            var module = find(name) ?? throw new ArgumentException($"the kernel module {name} ({neededBy}) is not in the kernel package");
            foreach (var dependency in module.Dependencies)
                Visit(dependency, "needed by " + name);
            visiting.Remove(name);
            done.Add(name);
            ordered.Add(module);
        }
        foreach (var name in wanted)
            Visit(NameOf(name), "wanted");
        return ordered;
    }
}
