using System;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Finds a program the benchmark runs (qemu, apt-get, dpkg-deb) on PATH, or says how to get it.</summary>
public static class HostExecutable
{
    public static string Locate(string name, string installHint)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new BenchmarkPrerequisiteException($"{name} was not found on PATH ({installHint})");
    }
}
