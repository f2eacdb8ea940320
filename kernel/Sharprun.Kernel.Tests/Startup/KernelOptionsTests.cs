using System.Text;
using Sharprun.Kernel.Startup;
using Xunit;

namespace Sharprun.Kernel.Tests.Startup;

public sealed class KernelOptionsTests
{
    private static int Parse(string line, out string unknown)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        int start = KernelOptions.Parse(bytes, out Range range);
        unknown = start < 0 ? Encoding.UTF8.GetString(bytes[range]) : "";
        return start;
    }

    [Fact]
    public void OptionsBeforeTheSeparatorAreAppliedAndArgumentsFollowIt()
    {
        string line = "gc.verify gc.trace -- \"a b\" \"c\"";
        int start = Parse(line, out _);
        Assert.Equal(" \"a b\" \"c\"", line[start..]);
        Assert.True(KernelOptions.VerifyHeap);
        Assert.True(KernelOptions.TraceCollections);
    }

    [Theory]
    [InlineData("console.input --")]
    [InlineData("gc.verify  --   ")]
    public void ASeparatorEndingTheLineMeansNoArguments(string line)
    {
        int start = Parse(line, out _);
        Assert.True(start > 0);
        Assert.Equal("", line[start..].Trim());
    }

    [Fact]
    public void ConsoleInputIsAnOption()
    {
        Parse("console.input -- \"x\"", out _);
        Assert.True(KernelOptions.ConsoleInput);
        Parse("gc.trace -- \"x\"", out _);
        Assert.False(KernelOptions.ConsoleInput);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"a\" \"b\"")]
    [InlineData("plain words typed by hand")]
    [InlineData("\"--\" \"x\"")]
    [InlineData("\"gc.verify\" -- \"x\"")]
    public void LinesWithoutAnUnquotedSeparatorFirstAreAllArguments(string line)
    {
        Assert.Equal(0, Parse(line, out _));
        Assert.False(KernelOptions.VerifyHeap);
    }

    [Fact]
    public void SeparatorWithoutOptionsStartsTheArguments()
    {
        string line = "-- \"x\"";
        Assert.Equal(" \"x\"", line[Parse(line, out _)..]);
    }

    [Theory]
    [InlineData("gc.verify gc.bogus -- \"x\"", "gc.bogus")]
    [InlineData("GC.VERIFY --", "GC.VERIFY")]
    [InlineData("gc.verify=1 --", "gc.verify=1")]
    public void UnknownOptionsAreNamed(string line, string expected)
    {
        Assert.Equal(-1, Parse(line, out string unknown));
        Assert.Equal(expected, unknown);
    }

    [Fact]
    public void AWordWithAQuoteOrBackslashEndsTheOptions()
    {
        Assert.Equal(0, Parse("a\"b -- \"x\"", out _));
        Assert.Equal(0, Parse("a\\b -- \"x\"", out _));
    }
}
