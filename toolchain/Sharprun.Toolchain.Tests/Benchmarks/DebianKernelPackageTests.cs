using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class DebianKernelPackageTests
{
    [Fact]
    public void ChoosesTheNewestVersionedAmd64Image()
    {
        const string listing = """
            linux-image-amd64 - Linux for 64-bit PCs (meta-package)
            linux-image-6.1.0-9-amd64 - Linux 6.1 for 64-bit PCs (signed)
            linux-image-6.1.0-56-amd64 - Linux 6.1 for 64-bit PCs (signed)
            linux-image-6.1.0-56-amd64-unsigned - Linux 6.1 for 64-bit PCs
            linux-image-6.1.0-57-amd64-dbg - Debug symbols for linux-image-6.1.0-57-amd64
            linux-image-6.1.0-56-cloud-amd64 - Linux 6.1 for x86-64 cloud (signed)
            linux-image-6.1.0-60-rt-amd64 - Linux 6.1 for 64-bit PCs, PREEMPT_RT (signed)
            linux-image-5.10.0-30-amd64 - Linux 5.10 for 64-bit PCs (signed)
            """;
        Assert.Equal("linux-image-6.1.0-56-amd64", DebianKernelPackage.Choose(listing));
    }

    [Fact]
    public void ComparesVersionsNumerically() =>
        Assert.Equal("linux-image-6.10.0-1-amd64", DebianKernelPackage.Choose("linux-image-6.9.0-99-amd64 - a\nlinux-image-6.10.0-1-amd64 - b\n"));

    [Theory]
    [InlineData("")]
    [InlineData("linux-image-amd64 - meta\n")]
    [InlineData("linux-image-6.1.0-99999999999-amd64 - absurd\n")]
    [InlineData("\0\n - \n-\n")]
    public void ReturnsNullWithoutAUsableCandidate(string listing) => Assert.Null(DebianKernelPackage.Choose(listing));
}
