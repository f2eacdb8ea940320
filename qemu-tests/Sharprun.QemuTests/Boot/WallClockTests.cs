using System;
using System.Globalization;
using System.Linq;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Wall-clock time in the guest: QEMU's RTC (and Xen's wall clock, set from it) follows the host's clock, so
/// DateTime.UtcNow must agree with the host (give or take the boot and a second of RTC resolution); with no time zone
/// files, local time is UTC.
/// </summary>
public sealed class WallClockTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(3);

    [Theory]
    [OnEachPlatform]
    public async Task UtcNowIsTheHostsTimeAndLocalTimeIsUtc(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "faults", "clock");
        var (before, after) = result.Window;
        Assert.True(result.ExitCode == 0, result.ToString());

        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        DateTime utc = DateTime.Parse(Value(lines, "utc "), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.InRange(utc, before - Tolerance, after + Tolerance);

        Assert.EndsWith("+00:00 kind Local", Value(lines, "local "));
        Assert.Equal("UTC offset 00:00:00", Value(lines, "zone "));
        Assert.Equal("00:00:00", Value(lines, "offset-now "));
    }

    private static string Value(string[] lines, string prefix) =>
        lines.SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
        ?? throw new Xunit.Sdk.XunitException($"no line starting with '{prefix}' in:\n{string.Join('\n', lines)}");
}
