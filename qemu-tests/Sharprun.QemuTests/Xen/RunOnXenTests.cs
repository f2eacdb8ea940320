using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary><c>sharprun run --on xen</c> end to end, and the platform check of <c>run</c>.</summary>
public sealed class RunOnXenTests
{
    [Fact]
    public void RunOnXenPrintsTheGuestsOutputAndReturnsItsExitCode()
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(10), "run", "--on", "xen", XenGuestImages.Get("qemu-tests/Images/faults"), "--", "exit");
        Assert.Equal("exiting with 42\n", result.Output);
        Assert.Equal(42, result.ExitCode);
    }

    [Fact]
    public void RunRefusesAXenImageOnQemu()
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(5), "run", XenGuestImages.Get("images/hello"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was built for platform 'xen'", result.Error);
        Assert.Contains("--on xen", result.Error);
    }
}
