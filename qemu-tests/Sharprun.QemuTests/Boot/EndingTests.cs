using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>How a guest ends: exit codes, Environment.Exit, unhandled exceptions, faults, out of memory.</summary>
public sealed class EndingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("200")]
    [InlineData("255")]
    public void ReturnValueOfMainIsTheExitCode(string code)
    {
        var result = GuestImages.Boot("faults", "exit-code", code);
        Assert.Equal(int.Parse(code), result.ExitCode);
    }

    [Fact]
    public void EnvironmentExitEndsTheProgramWithItsCode()
    {
        var result = GuestImages.Boot("faults", "exit");
        Assert.Equal("exiting with 42\n", result.Output);
        Assert.Equal(42, result.ExitCode);
    }

    [Fact]
    public void ArgumentsWithSpacesAndQuotesArriveIntact()
    {
        var result = GuestImages.Boot("features", "a b", "say \"hi\"", "back\\slash", "ünï");
        Assert.StartsWith("args: [a b, say \"hi\", back\\slash, ünï]\n", result.Output);
    }

    [Fact]
    public void ExhaustingMemoryStopsWithAnOutOfMemoryReport()
    {
        var result = GuestImages.Boot("faults", "out-of-memory");
        Assert.Equal(125, result.ExitCode);
        Assert.Contains("panic: out of memory", result.Error);
    }

    [Fact]
    public void UnhandledExceptionPrintsTypeMessageAndStackTraceThenExitsLikeDotnet()
    {
        var result = GuestImages.Boot("faults", "unhandled");
        Assert.Equal("about to fail\n", result.Output);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: the operation failed on purpose", result.Error);
        Assert.Contains("   at Program.<Main>$(String[] args) + 0x", result.Error);
        Assert.Equal(134, result.ExitCode);
    }
}
