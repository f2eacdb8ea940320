using Xunit;

namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>Reading the crash workload's facts, and which log prefixes they bind (host only, no guest).</summary>
public sealed class DurableVersionTests
{
    private const string Output = """
        durable crash/marker 512 1
        step 0
        durable crash/a 3 aa
        change crash/marker
        durable crash/marker 512 2
        step 1
        change crash/a
        durable crash/a 5 bb
        change crash/marker
        durable crash/marker 512 3
        step 2
        change crash/a
        """;

    [Fact]
    public void EachFsyncIsAVersionThatLastsUntilItsFileChanges()
    {
        var versions = DurableVersion.Parse(Output, out int steps);
        Assert.Equal(3, steps);
        Assert.Equal(
            [
                new DurableVersion("crash/marker", 512, 1, -1, 0),
                new DurableVersion("crash/a", 3, 0xaa, 0, 1),
                new DurableVersion("crash/marker", 512, 2, 0, 1),
                new DurableVersion("crash/a", 5, 0xbb, 1, 2),
                new DurableVersion("crash/marker", 512, 3, 1, null),
            ],
            versions);
    }

    [Theory]
    [InlineData("step 1")]
    [InlineData("step 0\nstep 0")]
    [InlineData("durable crash/a 3")]
    [InlineData("Unhandled exception. System.IO.IOException")]
    public void AnythingElseIsRefused(string output) => Assert.Throws<FormatException>(() => DurableVersion.Parse(output, out _));

    [Theory]
    // Step 1's marker first reached the log at entry 10, step 2's at entry 20.
    [InlineData(10, false)] // entries 0–9: the marker written after the fsync is not in yet
    [InlineData(11, true)]
    [InlineData(21, true)]  // up to and with step 2's marker, which precedes the change
    [InlineData(22, false)] // past it the change may have begun
    public void AVersionBindsFromTheNextMarkerToTheMarkerOfItsChange(int count, bool required)
    {
        var version = new DurableVersion("crash/a", 3, 0xaa, DurableStep: 0, ChangedStep: 2);
        var markers = new Dictionary<int, int> { [0] = 2, [1] = 10, [2] = 20 };
        Assert.Equal(required, version.RequiredIn(count, markers));
    }

    [Fact]
    public void AnUnchangedVersionBindsToTheEndAndOneWithoutALaterMarkerNowhere()
    {
        var markers = new Dictionary<int, int> { [0] = 2, [1] = 10 };
        Assert.True(new DurableVersion("crash/a", 3, 0xaa, 0, null).RequiredIn(1_000_000, markers));
        Assert.False(new DurableVersion("crash/a", 3, 0xaa, 1, null).RequiredIn(1_000_000, markers));
    }
}
