using System.Globalization;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Disks;

/// <summary>An image size as written on the command line: bytes, or a whole number with K, M, G or T (powers of 1024).</summary>
internal static class DiskSize
{
    public static long Parse(string text, string command)
    {
        var digits = text;
        var unit = 1L;
        if (text.Length > 0 && char.ToUpperInvariant(text[^1]) is var suffix && "KMGT".Contains(suffix))
        {
            unit = 1L << (10 * ("KMGT".IndexOf(suffix) + 1));
            digits = text[..^1];
        }
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > long.MaxValue / unit)
            throw new UsageException($"--size must be a positive number of bytes with an optional K, M, G or T suffix (e.g. 64M), not '{text}'", command);
        return count * unit;
    }
}
