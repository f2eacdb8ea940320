using Sharprun.Toolchain.Benchmarks;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class BenchmarkOptionsTests
{
    private static BenchmarkOptions Parse(params string[] args) =>
        BenchmarkOptions.From(Assert.IsType<Invocation.Execute>(CommandLineParser.Parse(["bench", .. args], SharprunCommands.All)).Command);

    [Fact]
    public void DefaultsToEverySectionFiveRunsNoOutput()
    {
        var options = Parse();
        Assert.Equal(5, options.Runs);
        Assert.Equal(BenchmarkOptions.AllSections.Count, options.Sections.Count);
        Assert.Null(options.OutputFile);
        Assert.Null(options.Project);
    }

    [Fact]
    public void ReadsEveryOptionInBothSpellings()
    {
        var options = Parse("--runs", "3", "--only=boot,size", "-o", "out.md", "--project", "images/x");
        Assert.Equal(3, options.Runs);
        Assert.Equal([BenchmarkSection.Size, BenchmarkSection.Boot], options.Sections.Order());
        Assert.Equal("out.md", options.OutputFile);
        Assert.Equal("images/x", options.Project);
        Assert.Equal("o.md", Parse("--output=o.md").OutputFile);
        Assert.Equal([BenchmarkSection.Memory], Parse("--only", "memory").Sections);
        Assert.Equal([BenchmarkSection.Gc], Parse("--only", "gc").Sections);
    }

    [Fact]
    public void HelpComesFromTheSharedCommandSpecs()
    {
        var help = Assert.IsType<Invocation.Help>(CommandLineParser.Parse(["bench", "--runs", "2", "-h"], SharprunCommands.All));
        Assert.Same(SharprunCommands.BenchCommand, help.Command);
        string text = SharprunCommands.CommandHelp(SharprunCommands.BenchCommand);
        Assert.Contains("sharprun bench [options]", text);
        Assert.DoesNotContain("Arguments:", text);
        Assert.Contains("bench", SharprunCommands.ToolHelp());
    }

    [Fact]
    public void TheHelpNamesEverySection() =>
        Assert.Equal(BenchmarkOptions.AllSections.Select(BenchmarkOptions.NameOf), SharprunCommands.BenchSections);

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
    [InlineData("--", "x")]
    public void RejectsMistakesAsUsageErrors(params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => Parse(args));
        Assert.Equal("bench", error.Command);
    }
}
