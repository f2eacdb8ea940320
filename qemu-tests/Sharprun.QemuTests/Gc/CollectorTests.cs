using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Gc;

/// <summary>
/// The garbage collector under load, in 64 MiB guests: the torture program with heap verification on
/// prints what NativeAOT prints on the host; binary trees allocate far more than the guest's memory;
/// OutOfMemoryException is catchable and the program carries on.
/// </summary>
public sealed class CollectorTests
{
    [Theory]
    [OnEachPlatform]
    public async Task TortureProgramWithHeapVerificationMatchesTheHost(Platform platform)
    {
        var guest = await GuestRuns.RunAsync(platform, new GuestCase("gc", "torture") { KernelOptions = [KernelOption.GcVerify] });
        var host = NativeAotReference.Run("gc", "torture");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.True(guest.ExitCode == 0, guest.ToString());
    }

    [Theory]
    [OnEachPlatform]
    public async Task BinaryTreesAllocatingTwentyTimesTheGuestMemoryMatchTheHost(Platform platform)
    {
        var guest = await GuestRuns.RunAsync(platform, new GuestCase("gc", "trees", "16") { KernelOptions = [KernelOption.GcTrace] });
        var host = NativeAotReference.Run("gc", "trees", "16");
        Assert.Equal(host.Output, guest.Output);
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Contains("gc: #", guest.Error);
        Assert.DoesNotContain("panic", guest.Error);
    }

    [Theory]
    [OnEachPlatform]
    public async Task OutOfMemoryIsCatchableAndTheProgramCarriesOn(Platform platform)
    {
        var guest = await GuestRuns.RunAsync(platform, new GuestCase("gc", "oom") { KernelOptions = [KernelOption.GcVerify] });
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.Matches(@"caught OutOfMemoryException after (4\d|5\d) MiB", guest.Output);
        Assert.Contains("caught OutOfMemoryException for small objects: True", guest.Output);
        Assert.Contains("carried on: 8 MiB allocated again, 0,1,2,3,4", guest.Output);
    }
}
