using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Picks the Debian kernel image package of the running release from <c>apt-cache search --names-only
/// ^linux-image-</c>: the highest <c>linux-image-A.B.C-N-amd64</c> (the signed flavour; "-unsigned", "-dbg",
/// "-rt-", "-cloud-" and metapackages do not match).
/// </summary>
public static partial class DebianKernelPackage
{
    [GeneratedRegex(@"^linux-image-(\d+)\.(\d+)\.(\d+)-(\d+)-amd64$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageName();

    /// <returns>The package name, or null when the listing holds none.</returns>
    public static string? Choose(string aptCacheSearchOutput)
    {
        var candidates = new List<(string Name, int[] Version)>();
        foreach (var line in aptCacheSearchOutput.Split('\n'))
        {
            // Each line is "name - description".
            string name = line.Split(' ', 2)[0].Trim();
            var match = PackageName().Match(name);
            if (!match.Success)
                continue;
            var version = new int[4];
            bool valid = true;
            for (int i = 0; i < 4; i++)
                valid &= int.TryParse(match.Groups[i + 1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out version[i]);
            if (valid)
                candidates.Add((name, version));
        }
        return candidates.Count == 0
            ? null
            : candidates.OrderByDescending(c => c.Version, VersionComparer.Instance).First().Name;
    }

    private sealed class VersionComparer : IComparer<int[]>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (int i = 0; i < 4; i++)
            {
                int order = x![i].CompareTo(y![i]);
                if (order != 0)
                    return order;
            }
            return 0;
        }
    }
}
