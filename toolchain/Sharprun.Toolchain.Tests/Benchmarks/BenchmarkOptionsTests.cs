using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class BenchmarkOptionsTests
{
    [Fact]
    public void DefaultsToEverySectionFiveRunsNoOutput()
    {
        var options = BenchmarkOptions.Parse([]);
        Assert.Equal(5, options.Runs);
        Assert.Equal(4, options.Sections.Count);
        Assert.Null(options.OutputFile);
        Assert.Null(options.Project);
        Assert.False(options.ShowHelp);
    }

    [Fact]
    public void ReadsEveryOptionInBothSpellings()
    {
        var options = BenchmarkOptions.Parse(["--runs", "3", "--only=boot,size", "-o", "out.md", "--project", "images/x"]);
        Assert.Equal(3, options.Runs);
        Assert.Equal([BenchmarkSection.Size, BenchmarkSection.Boot], options.Sections.Order());
        Assert.Equal("out.md", options.OutputFile);
        Assert.Equal("images/x", options.Project);
        Assert.Equal("o.md", BenchmarkOptions.Parse(["--output=o.md"]).OutputFile);
        Assert.Equal([BenchmarkSection.Memory], BenchmarkOptions.Parse(["--only", "memory"]).Sections);
    }

    [Fact]
    public void HelpWins() => Assert.True(BenchmarkOptions.Parse(["--runs", "2", "-h"]).ShowHelp);

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "101")]
    [InlineData("--runs", "-1")]
    [InlineData("--runs", "two")]
    [InlineData("--only", "size,network")]
    [InlineData("--only", ",")]
    [InlineData("--runs")]
    [InlineData("--runs=")]
    [InlineData("--runs", "2", "--runs", "3")]
    [InlineData("--frobnicate")]
    [InlineData("images/hello")]
    [InlineData("-x")]
    public void RejectsMistakesAsUsageErrors(params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => BenchmarkOptions.Parse(args));
        Assert.Equal("bench", error.Command);
    }
}
