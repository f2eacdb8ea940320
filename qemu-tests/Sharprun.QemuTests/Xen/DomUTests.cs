using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary>Images built with --platform xen, run as PVH DomUs by the rig's Linux dom0 (xl create).</summary>
[Collection(XenRigCollection.Name)]
public sealed class DomUTests(XenRigFixture rig)
{
    [Fact]
    public void HelloPrintsItsArgumentsThroughTheConsoleRing()
    {
        var guest = rig[XenRigFixture.Hello];
        Assert.Null(guest.Error);
        Assert.Equal("Hello from Sharprun!\n2 argument(s): a b c\n", XenRigFixture.Text(guest.Output));
        Assert.Equal(2, guest.ExitCode);
    }

    [Fact]
    public void ExitCodeReachesTheHostByConsoleAndXenstoreAndTheDomainPowersOff()
    {
        var guest = rig[XenRigFixture.ExitCode];
        Assert.Equal(200, guest.ExitCode);
        Assert.Equal(200, guest.XenstoreExitCode);
        Assert.Equal("exited", guest.XenstoreState);
        Assert.Contains('s', guest.State);
        Assert.Equal(0, guest.ShutdownReason);
    }

    [Fact]
    public void EnvironmentExitEndsTheDomainWithItsCode()
    {
        var guest = rig[XenRigFixture.EnvironmentExit];
        Assert.Equal("exiting with 42\n", XenRigFixture.Text(guest.Output));
        Assert.Equal(42, guest.ExitCode);
        Assert.Equal(42, guest.XenstoreExitCode);
    }

    [Fact]
    public void UnhandledExceptionGoesToStandardErrorAndExits134()
    {
        var guest = rig[XenRigFixture.Unhandled];
        Assert.Equal("about to fail\n", XenRigFixture.Text(guest.Output));
        Assert.Contains("Unhandled exception. System.InvalidOperationException: the operation failed on purpose", XenRigFixture.Text(guest.ErrorOutput));
        Assert.Equal(134, guest.ExitCode);
    }

    [Fact]
    public void ArgumentsWithSpacesQuotesAndNonAsciiArriveIntact()
    {
        var guest = rig[XenRigFixture.Features];
        Assert.StartsWith("args: [a b, say \"hi\", back\\slash, ünï]\n", XenRigFixture.Text(guest.Output));
    }

    [Fact]
    public void XenstoreRoundTripsWithTheRealXenstored()
    {
        var guest = rig[XenRigFixture.Hello];
        // The toolstack in dom0 wrote the name and id; the guest read them.
        Assert.Contains(guest.KernelLog, l => l.StartsWith("xen: domain name 'hello', domid ", StringComparison.Ordinal));
        // The initial event of a watch the guest registered.
        Assert.Contains("xen: xenstore watch fired for control/shutdown", guest.KernelLog);
        // The guest wrote its state and code in a transaction; dom0's xenstore-read found them.
        Assert.Equal("exited", guest.XenstoreState);
        Assert.Equal(2, guest.XenstoreExitCode);
    }

    [Fact]
    public void GrantTableIsSetUp() =>
        Assert.Contains("xen: grant table: 4 frames, 2048 entries", rig[XenRigFixture.Hello].KernelLog);

    [Fact]
    public void FirstOutputIsTimed() =>
        Assert.InRange(rig[XenRigFixture.Hello].FirstOutputSeconds ?? -1, 0.0, 120.0);
}
