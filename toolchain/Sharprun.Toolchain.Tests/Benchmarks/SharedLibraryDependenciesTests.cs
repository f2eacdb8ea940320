using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class SharedLibraryDependenciesTests
{
    [Fact]
    public void ListsLibrariesAndTheLoaderButNotTheVdso()
    {
        const string output = """
            	linux-vdso.so.1 (0x00007ffc4a3e6000)
            	libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f3f6c2bf000)
            	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3f6c0dd000)
            	/lib64/ld-linux-x86-64.so.2 (0x00007f3f6c53e000)

            """;
        Assert.Equal(
            ["/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            SharedLibraryDependencies.Parse(output));
    }

    [Fact]
    public void AStaticBinaryNeedsNothingAndDuplicatesAreListedOnce()
    {
        Assert.Empty(SharedLibraryDependencies.Parse("\tstatically linked\n"));
        Assert.Empty(SharedLibraryDependencies.Parse(""));
        Assert.Equal(["/lib/a.so"], SharedLibraryDependencies.Parse("a.so => /lib/a.so (0x1)\nb.so => /lib/a.so (0x2)\n"));
    }

    [Theory]
    [InlineData("\tlibicuuc.so.72 => not found")]
    [InlineData("\tlibm.so.6 => lib/libm.so.6 (0x00007f3f6c2bf000)")]
    [InlineData("\tlibm.so.6 => /lib/../etc/shadow (0x00007f3f6c2bf000)")]
    [InlineData("\tlibm.so.6 => /lib//libm.so.6 (0x00007f3f6c2bf000)")]
    [InlineData("\tlibm.so.6 => /lib/./libm.so.6 (0x00007f3f6c2bf000)")]
    [InlineData("\tlibm.so.6 => / (0x00007f3f6c2bf000)")]
    [InlineData("\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6")]
    [InlineData("\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f3f6c2bf0000000)")]
    [InlineData("\tlibm.so.6 => /lib/with space.so (0x1)")]
    [InlineData("\t/lib64/ld-linux-x86-64.so.2")]
    [InlineData("ldd: warning: you do not have execution permission")]
    [InlineData("\tlibm.so.6 => /lib/libm.so.6\u0000 (0x1)")]
    public void RejectsLinesItCannotUse(string line) =>
        Assert.Throws<ToolchainException>(() => SharedLibraryDependencies.Parse("\tlinux-vdso.so.1 (0x1)\n" + line + "\n"));
}
