using Sharprun.QemuTests.Platforms;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>How a guest ends: exit codes, Environment.Exit, unhandled exceptions, faults, out of memory.</summary>
public sealed class EndingTests
{
    [Theory]
    [OnEachPlatform("0")]
    [OnEachPlatform("1")]
    [OnEachPlatform("200")]
    [OnEachPlatform("255")]
    public async Task ReturnValueOfMainIsTheExitCode(Platform platform, string code)
    {
        var result = await GuestRuns.BootAsync(platform, "faults", "exit-code", code);
        Assert.Equal(int.Parse(code), result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task EnvironmentExitEndsTheProgramWithItsCode(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "faults", "exit");
        Assert.Equal("exiting with 42\n", result.Output);
        Assert.Equal(42, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task ArgumentsWithSpacesAndQuotesArriveIntact(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "features", "a b", "say \"hi\"", "back\\slash", "ünï");
        Assert.StartsWith("args: [a b, say \"hi\", back\\slash, ünï]\n", result.Output);
    }

    [Theory]
    [OnEachPlatform]
    public async Task ExhaustingMemoryEndsWithAnUnhandledOutOfMemoryException(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "faults", "out-of-memory");
        Assert.Equal(134, result.ExitCode);
        Assert.Contains("Unhandled exception. System.OutOfMemoryException", result.Error);
        Assert.DoesNotContain("panic", result.Error);
    }

    [Theory]
    [OnEachPlatform]
    public async Task UnhandledExceptionPrintsTypeMessageAndStackTraceThenExitsLikeDotnet(Platform platform)
    {
        var result = await GuestRuns.BootAsync(platform, "faults", "unhandled");
        Assert.Equal("about to fail\n", result.Output);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: the operation failed on purpose", result.Error);
        Assert.Contains("   at Program.<Main>$(String[] args) + 0x", result.Error);
        Assert.Equal(134, result.ExitCode);
    }

    [Theory]
    [OnEachPlatform]
    public async Task UnhandledExceptionStackTraceNamesTheSameMethodsAsNativeAot(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "faults", "unhandled");
        var host = NativeAotReference.Run("faults", "unhandled");
        string[] expected =
        [
            "at Program.<<Main>$>g__Level2|0_1()",
            "at Program.<<Main>$>g__Level1|0_0()",
            "at Program.<Main>$(String[] args)",
        ];
        Assert.Equal(expected, StackTraceMethods(host.Error));
        Assert.Equal(expected, StackTraceMethods(guest.Error));
    }

    [Theory]
    [OnEachPlatform]
    public async Task NullStoreThroughAWriteBarrierIsANullReferenceExceptionInTheStoringMethod(Platform platform)
    {
        var guest = await GuestRuns.BootAsync(platform, "faults", "null-store");
        var host = NativeAotReference.Run("faults", "null-store");
        Assert.Equal(0, host.ExitCode);
        Assert.Contains("field: NullReferenceException at Program.<<Main>$>g__StoreField|", host.Output);
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.ExitCode, guest.ExitCode);
    }

    /// <summary>The frames of a printed stack trace without their native offsets (those depend on code layout).</summary>
    private static string[] StackTraceMethods(string error) =>
        error.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("at ", StringComparison.Ordinal))
            .Select(line => line.Split(" + 0x")[0])
            .ToArray();
}
