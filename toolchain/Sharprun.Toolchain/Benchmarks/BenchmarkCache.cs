using System;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Where downloads and reference builds are kept between runs: $XDG_CACHE_HOME/sharprun/bench, else ~/.cache/sharprun/bench.</summary>
public static class BenchmarkCache
{
    public static string Directory()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        // The XDG spec says a relative value is invalid and must be ignored.
        string root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sharprun", "bench");
    }
}
