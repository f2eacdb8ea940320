using Sharprun.QemuTests.Boot;
using Xunit;

namespace Sharprun.QemuTests.Gc;

/// <summary>
/// The garbage collector under load, in 64 MiB guests: the torture program with heap verification on
/// prints what NativeAOT prints on the host; binary trees allocate far more than the guest's memory;
/// OutOfMemoryException is catchable and the program carries on.
/// </summary>
public sealed class CollectorTests
{
    [Fact]
    public void TortureProgramWithHeapVerificationMatchesTheHost()
    {
        var guest = GuestImages.BootWith("gc", ["--gc-verify"], "torture");
        var host = NativeAotReference.Run("gc", "torture");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
        Assert.Equal(0, guest.ExitCode);
    }

    [Fact]
    public void BinaryTreesAllocatingTwentyTimesTheGuestMemoryMatchTheHost()
    {
        var guest = GuestImages.BootWith("gc", ["--gc-trace"], "trees", "16");
        var host = NativeAotReference.Run("gc", "trees", "16");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(0, guest.ExitCode);
        Assert.Contains("gc: #", guest.Error);
        Assert.DoesNotContain("panic", guest.Error);
    }

    [Fact]
    public void OutOfMemoryIsCatchableAndTheProgramCarriesOn()
    {
        var guest = GuestImages.BootWith("gc", ["--gc-verify"], "oom");
        Assert.Equal(0, guest.ExitCode);
        Assert.Matches(@"caught OutOfMemoryException after (4\d|5\d) MiB", guest.Output);
        Assert.Contains("caught OutOfMemoryException for small objects: True", guest.Output);
        Assert.Contains("carried on: 8 MiB allocated again, 0,1,2,3,4", guest.Output);
    }
}
