using System;
using System.IO;

namespace Sharprun.Toolchain.Xen;

/// <summary>Where the Xen rig keeps its downloads and built pieces: $XDG_CACHE_HOME/sharprun/xen, else ~/.cache/sharprun/xen.</summary>
public static class XenRigCache
{
    /// <summary>Overrides the location (tests, CI caches).</summary>
    public const string Variable = "SHARPRUN_XEN_CACHE";

    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured && Path.IsPathRooted(configured))
            return configured;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sharprun", "xen");
    }
}
