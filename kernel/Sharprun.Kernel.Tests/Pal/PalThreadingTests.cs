using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>What of the threading PAL needs no scheduler; monitors and threads are tested by booting (qemu-tests Threading).</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalThreadingTests
{
    [Fact]
    public void TheOnlyCpuIsZero() => Assert.Equal(0, PalThreading.SchedGetCpu());

    [Fact]
    public void NegativeStackSizesAreRefused() =>
        Assert.Equal(0, PalThreading.CreateThread(-1, null, 0));
}
