using System.Globalization;
using System.Text.RegularExpressions;
using Sharprun.QemuTests.Boot;
using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary>
/// The threads program as a PVH DomU: the scheduler runs on the event channel upcall, Xen's one-shot timer and
/// the idle loop's <c>hlt</c>, and prints what the host's NativeAOT build prints; sleeps are never early.
/// </summary>
[Collection(XenRigCollection.Name)]
public sealed class XenThreadingTests(XenRigFixture rig)
{
    [Fact]
    public void ThreadsProgramMatchesTheHostAsDomU()
    {
        var guest = rig[XenRigFixture.Threads];
        var host = NativeAotReference.Run("threads", "all");
        Assert.Equal(0, guest.ExitCode);
        Assert.Equal(host.Output, XenRigFixture.Text(guest.Output));
        Assert.Equal(host.Error, XenRigFixture.Text(guest.ErrorOutput));
    }

    [Fact]
    public void SleepsAndDelaysAsDomUAreNeverEarly()
    {
        var guest = rig[XenRigFixture.Timing];
        string output = XenRigFixture.Text(guest.Output);
        Assert.Equal(0, guest.ExitCode);
        var lines = Regex.Matches(output, @"^(sleep|wait|delay) (\d+) ms: late (-?[\d.]+) ms$", RegexOptions.Multiline);
        Assert.Equal(8, lines.Count);
        foreach (Match line in lines)
        {
            double late = double.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture);
            // Task.Delay counts whole milliseconds of Environment.TickCount64, as on Linux (see ThreadingTests).
            double earliest = line.Groups[1].Value == "delay" ? -1.0 : 0.0;
            // Never early; the upper bound only catches a timer that does not fire on its own. On this rig a few
            // milliseconds late is common: Xen emulates the TSC (qemu64 has no invariant TSC), so every clock read
            // traps, Xen scrubs free memory while idle, and dom0 shares the one CPU.
            Assert.True(late >= earliest && late < 100.0, $"{line.Value}\n{output}");
        }
    }
}
