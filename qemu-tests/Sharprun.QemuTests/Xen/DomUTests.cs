using Sharprun.QemuTests.Platforms;
using Xunit;
using Xunit.Abstractions;

namespace Sharprun.QemuTests.Xen;

/// <summary>
/// What only a Xen DomU has, seen in the shared rig boot (<see cref="XenRigBoot"/>): xenstore against the real
/// xenstored, the grant table, shutdown reasons. What the application prints is checked on both platforms by the
/// platform-independent tests.
/// </summary>
public sealed class DomUTests(ITestOutputHelper output)
{
    private static readonly GuestCase ExitCode200 = new("faults", "exit-code", "200");
    private static readonly GuestCase Unhandled = new("faults", "unhandled");
    private static readonly GuestCase Panic = new("protection", "execute-data");
    private static readonly GuestCase EnvironmentExit = new("faults", "exit");

    [Fact]
    public async Task AnExitPublishesItsCodeInXenstoreAndPowersTheDomainOff()
    {
        var guest = await XenRigBoot.OutcomeAsync(ExitCode200);
        Assert.Equal(200, guest.ExitCode);
        Assert.Equal(200, guest.XenstoreExitCode);
        Assert.Equal("exited", guest.XenstoreState);
        Assert.Contains('s', guest.State);
        Assert.Equal(0, guest.ShutdownReason);
    }

    [Fact]
    public async Task AnUnhandledExceptionIsAnExitWithCode134()
    {
        var guest = await XenRigBoot.OutcomeAsync(Unhandled);
        Assert.Equal(134, guest.XenstoreExitCode);
        Assert.Equal(0, guest.ShutdownReason);
    }

    [Fact]
    public async Task AKernelPanicCrashesTheDomain()
    {
        var guest = await XenRigBoot.OutcomeAsync(Panic);
        Assert.True(guest.Panicked, string.Join('\n', guest.KernelLog));
        Assert.Null(guest.ExitCode);
        Assert.Equal(3, guest.ShutdownReason);
    }

    [Fact]
    public async Task XenstoreRoundTripsWithTheRealXenstored()
    {
        var guest = await XenRigBoot.OutcomeAsync(ExitCode200);
        // The toolstack in dom0 wrote the name and id; the guest read them.
        Assert.Contains(guest.KernelLog, l => l.StartsWith($"xen: domain name '{XenRigBoot.DomainName(ExitCode200)}', domid ", StringComparison.Ordinal));
        // The initial event of a watch the guest registered.
        Assert.Contains("xen: xenstore watch fired for control/shutdown", guest.KernelLog);
        // The guest wrote its state and code in a transaction; dom0's xenstore-read found them.
        Assert.Equal("exited", guest.XenstoreState);
        Assert.Equal(200, guest.XenstoreExitCode);
    }

    [Fact]
    public async Task GrantTableIsSetUp() =>
        Assert.Contains("xen: grant table: 4 frames, 2048 entries", (await XenRigBoot.OutcomeAsync(ExitCode200)).KernelLog);

    [Fact]
    public async Task FirstOutputIsTimed() =>
        Assert.InRange((await XenRigBoot.OutcomeAsync(EnvironmentExit)).FirstOutputSeconds ?? -1, 0.0, 120.0);

    /// <summary>The rig boot is a large part of the suite's time: it prints its timeline and must stay well under CI's hour.</summary>
    [Fact]
    public async Task TheRigBootOfAllGuestsTakesUnderFifteenMinutes()
    {
        var timing = await XenRigBoot.TimingAsync();
        output.WriteLine(timing.Timeline);
        Assert.True(timing.BootSeconds < 15 * 60, timing.Timeline);
    }
}
