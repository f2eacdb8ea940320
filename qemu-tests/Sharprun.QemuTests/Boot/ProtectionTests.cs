using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Memory protection and the page allocator in a booted guest: code is read-only, data is not executable, the
/// stack's guard page turns unbounded recursion into a "stack overflow" report, large allocations fit, and the
/// sample app boots in little memory.
/// </summary>
public sealed class ProtectionTests
{
    private static readonly Lazy<string> Hello = new(BuildHello);

    [Fact]
    public void CodeIsReadable()
    {
        var result = GuestImages.Boot("protection", "read-code");
        Assert.Equal("code is readable: True\n", result.Output);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void WritingToCodeIsAnAccessViolation()
    {
        var result = GuestImages.Boot("protection", "write-code");
        Assert.Equal("writing to code\n", result.Output);
        Assert.Contains("Access Violation", result.Error);
        Assert.Equal(134, result.ExitCode);
    }

    [Fact]
    public void ExecutingDataFaults()
    {
        var result = GuestImages.Boot("protection", "execute-data");
        Assert.Equal("executing data\n", result.Output);
        Assert.Contains("panic: page fault (vector 14): execution of a non-executable page", result.Error);
        Assert.Contains("sharprun: the kernel panicked", result.Error);
        Assert.Equal(125, result.ExitCode);
    }

    [Fact]
    public void UnboundedRecursionEndsWithAStackOverflowReport()
    {
        var result = GuestImages.Boot("protection", "recurse");
        Assert.Equal("recursing\n", result.Output);
        Assert.Matches(@"panic: stack overflow at 0x[0-9a-f]+ \([^)]*Recurse[^)]*\): the stack ran out", result.Error);
        Assert.Contains("sharprun: the kernel panicked", result.Error);
        Assert.DoesNotContain("without an exit record", result.Error);
        Assert.Equal(125, result.ExitCode);
    }

    [Fact]
    public void FortyMebibytesOfLargeArraysFitInA64MebibyteGuest()
    {
        var result = GuestImages.Boot("protection", "allocate");
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
