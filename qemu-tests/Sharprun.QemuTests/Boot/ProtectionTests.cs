using Sharprun.QemuTests.Cli;
using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Memory protection and the page allocator in a booted guest: code is read-only, data is not executable, the
/// stack's guard page turns unbounded recursion into a "stack overflow" report, large allocations fit, and the
/// sample app boots in little memory (on bare metal). A panic's exit code is 125 on both platforms; that the CLI
/// also says "the kernel panicked" is checked by the CLI's own tests.
/// </summary>
public sealed class ProtectionTests
{
    private static readonly Lazy<string> Hello = new(BuildHello);

    [Theory]
    [OnEachPlatform]
    public async Task CodeIsReadable(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "protection", "read-code");
        Assert.Equal("code is readable: True\n", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task WritingToCodeIsAnAccessViolation(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "protection", "write-code");
        Assert.Equal("writing to code\n", result.Output);
        Assert.Contains("Access Violation", result.Error);
        Assert.Equal(134, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task ExecutingDataFaults(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "protection", "execute-data");
        Assert.Equal("executing data\n", result.Output);
        Assert.Contains("panic: page fault (vector 14): execution of a non-executable page", result.Error);
        Assert.Equal(125, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task UnboundedRecursionEndsWithAStackOverflowReport(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "protection", "recurse");
        Assert.Equal("recursing\n", result.Output);
        Assert.Matches(@"panic: stack overflow at 0x[0-9a-f]+ \([^)]*Recurse[^)]*\): the stack ran out", result.Error);
        Assert.DoesNotContain("without an exit record", result.Error);
        Assert.Equal(125, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task FortyMebibytesOfLargeArraysFitInA64MebibyteGuest(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "protection", "allocate");
        Assert.Equal("allocated 160 arrays of 262144 bytes, checksum 31936\n", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void HelloBootsIn16Mebibytes()
    {
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(3), "run", Hello.Value, "--memory", "16", "--timeout", "120", "--", "x");
        Assert.Equal("Hello from Sharprun!\n1 argument(s): x\n", result.Output);
        Assert.Equal(1, result.ExitCode);
    }

    private static string BuildHello()
    {
        string image = Path.Combine(Directory.CreateTempSubdirectory("sharprun-hello-").FullName, "hello.elf");
        var result = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", SharprunProcess.InRepository("images/hello"), "-o", image);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"building images/hello failed:\n{result}");
        return image;
    }
}
