using System;
using System.IO;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// The tz database as the host's tzdata package installs it, which .NET on Linux reads for TimeZoneInfo
/// (FindSystemTimeZoneById, GetSystemTimeZones, a TZ variable naming a zone). Baked at the same path in images whose
/// application uses TimeZoneInfo, less what .NET never reads and the guest must not inherit: right/ (zones counting
/// leap seconds) and localtime (the host's own zone).
/// </summary>
public static class HostZoneInfo
{
    public const string Directory = "/usr/share/zoneinfo";

    public static bool IsAvailable => System.IO.Directory.Exists(Directory);

    public const string MissingWarning =
        "the application uses TimeZoneInfo but this host has no " + Directory + " (apt-get install tzdata): " +
        "time zones other than UTC will not be found in the image";

    public static bool IsLeftOut(string relativePath) =>
        relativePath is "localtime" or "right" || relativePath.StartsWith("right/", StringComparison.Ordinal);

    public static void AddTo(BakedTree tree) =>
        tree.AddHostDirectory(Directory, Directory, "the host's tz database", IsLeftOut);
}
