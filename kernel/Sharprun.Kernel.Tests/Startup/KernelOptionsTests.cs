using System.Text;
using Sharprun.Kernel.Startup;
using Xunit;

namespace Sharprun.Kernel.Tests.Startup;

public sealed class KernelOptionsTests
{
    private static int Parse(string line, out string culprit) => Parse(line, out culprit, out _);

    private static int Parse(string line, out string culprit, out string? error)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line);
        int start = KernelOptions.Parse(bytes, out error, out Range range);
        culprit = start < 0 ? Encoding.UTF8.GetString(bytes[range]) : "";
        return start;
    }

    private static string EnvironmentText(string line) => line[KernelOptions.Environment];

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
        Assert.Equal(-1, Parse(line, out string unknown, out string? error));
        Assert.Equal(expected, unknown);
        Assert.StartsWith("unknown kernel option", error);
    }

    [Fact]
    public void TheEnvironmentsTokensAreDelimitedForTheDecoder()
    {
        string line = "gc.trace env \"A=1\" \"B=x -- \\\" y\" console.input -- \"arg\"";
        int start = Parse(line, out _);
        Assert.Equal(" \"arg\"", line[start..]);
        Assert.Equal(" \"A=1\" \"B=x -- \\\" y\"", EnvironmentText(line));
        Assert.True(KernelOptions.TraceCollections);
        Assert.True(KernelOptions.ConsoleInput);
    }

    [Fact]
    public void WithoutEnvTheEnvironmentIsEmpty()
    {
        Parse("env \"A=1\" --", out _);
        Parse("gc.trace -- \"x\"", out _);
        Assert.Equal("", EnvironmentText("gc.trace -- \"x\""));
        Parse("\"a\" \"b\"", out _);
        Assert.Equal("", EnvironmentText("\"a\" \"b\""));
    }

    [Theory]
    [InlineData("env -- \"x\"", "env", "must be followed")]
    [InlineData("env gc.trace --", "env", "must be followed")]
    [InlineData("env \"A=1\" env \"B=2\" --", "env", "given twice")]
    [InlineData("env \"A=1\"x --", "x", "unknown kernel option")]
    public void AMalformedEnvOptionIsNamed(string line, string culprit, string message)
    {
        Assert.Equal(-1, Parse(line, out string found, out string? error));
        Assert.Equal(culprit, found);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("env \"A=1 --")]
    [InlineData("env \"A=1\\\" --")]
    public void AnUnterminatedEnvironmentQuoteLeavesTheLineToTheArgumentParser(string line) => Assert.Equal(0, Parse(line, out _));

    [Fact]
    public void AWordWithAQuoteOrBackslashEndsTheOptions()
    {
        Assert.Equal(0, Parse("a\"b -- \"x\"", out _));
        Assert.Equal(0, Parse("a\\b -- \"x\"", out _));
    }

    [Fact]
    public void NetworkOptionsAreDelimitedForThePal()
    {
        string line = "net.ip=10.0.2.15/24 net.gateway=10.0.2.2 net.dns=10.0.2.3,1.1.1.1 -- \"a\"";
        Assert.True(Parse(line, out _) > 0);
        Assert.Equal("10.0.2.15/24", line[KernelOptions.NetworkAddress]);
        Assert.Equal("10.0.2.2", line[KernelOptions.NetworkGateway]);
        Assert.Equal("10.0.2.3,1.1.1.1", line[KernelOptions.NetworkDns]);
    }

    [Fact]
    public void TheMountListIsDelimitedForTheFilePal()
    {
        string line = "fs.mounts=0:/data,1:/logs:ro -- \"a\"";
        Assert.True(Parse(line, out _) > 0);
        Assert.Equal("0:/data,1:/logs:ro", line[KernelOptions.Mounts]);
    }

    [Theory]
    [InlineData("net.ip= --", "net.ip=", "needs a value")]
    [InlineData("fs.mounts=0:/a fs.mounts=1:/b --", "fs.mounts=1:/b", "given twice")]
    [InlineData("net.dns=1.1.1.1 net.dns=8.8.8.8 --", "net.dns=8.8.8.8", "given twice")]
    [InlineData("net.mask=24 --", "net.mask=24", "unknown kernel option")]
    public void MalformedValueOptionsAreRefusedNamingTheWord(string line, string word, string reason)
    {
        Assert.Equal(-1, Parse(line, out string culprit, out string? error));
        Assert.Equal(word, culprit);
        Assert.Contains(reason, error);
    }
}
