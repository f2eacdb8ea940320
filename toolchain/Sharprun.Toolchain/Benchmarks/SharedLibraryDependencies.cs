using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The shared libraries a dynamically linked binary needs at run time, the dynamic loader included, as
/// <c>ldd</c> resolves them on this host: a guest that runs the binary needs the same files at the same paths.
/// Each line of ldd's output is <c>name =&gt; /path (0xADDRESS)</c>, <c>/path (0xADDRESS)</c> (the loader), or
/// <c>name (0xADDRESS)</c> (the kernel's vDSO, no file); <c>name =&gt; not found</c> is an error, and so is any
/// other line. A static binary needs nothing.
/// </summary>
public static partial class SharedLibraryDependencies
{
    [GeneratedRegex(@"^(?<name>\S+) => (?<path>/\S*) \(0x[0-9a-fA-F]{1,16}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Resolved();

    [GeneratedRegex(@"^(?<name>\S+) => not found$", RegexOptions.CultureInvariant)]
    private static partial Regex Missing();

    [GeneratedRegex(@"^(?<path>/\S*) \(0x[0-9a-fA-F]{1,16}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Loader();

    [GeneratedRegex(@"^[^/\s]+ \(0x[0-9a-fA-F]{1,16}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Virtual();

    /// <summary>Runs ldd on <paramref name="binary"/>.</summary>
    public static IReadOnlyList<string> Of(string binary)
    {
        string ldd = HostExecutable.Locate("ldd", "it comes with the C library (apt-get install libc-bin)");
        var result = ToolProcess.Run(ldd, [binary], Path.GetDirectoryName(Path.GetFullPath(binary))!, echo: null);
        if (result.Output.Contains("not a dynamic executable", StringComparison.Ordinal))
            return [];
        if (result.ExitCode != 0)
            throw new ToolchainException($"ldd {binary} failed: {PrintableText.Of(result.Output.Trim(), 300)}");
        return Parse(result.Output);
    }

    /// <summary>The absolute paths of the files, each once, in ldd's order.</summary>
    public static IReadOnlyList<string> Parse(string lddOutput)
    {
        var paths = new List<string>();
        foreach (var raw in lddOutput.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line == "statically linked")
                continue;
            string path;
            Match match;
            if ((match = Resolved().Match(line)).Success || (match = Loader().Match(line)).Success)
                path = match.Groups["path"].Value;
            else if ((match = Missing().Match(line)).Success)
                throw new ToolchainException($"the binary needs {PrintableText.Of(match.Groups["name"].Value)}, which this host does not have");
            else if (Virtual().IsMatch(line))
                continue;
            else
                throw new ToolchainException($"unexpected line in ldd's output: '{PrintableText.Of(line)}'");
            CheckPath(path, line);
            if (!paths.Contains(path))
                paths.Add(path);
        }
        return paths;
    }

    /// <summary>A path a guest's archive can hold: absolute, without control characters or empty, '.' or '..' components.</summary>
    private static void CheckPath(string path, string line)
    {
        if (path.Any(char.IsControl) || path[1..].Split('/').Any(component => component is "" or "." or ".."))
            throw new ToolchainException($"ldd named a library by an unusable path: '{PrintableText.Of(line)}'");
    }
}
