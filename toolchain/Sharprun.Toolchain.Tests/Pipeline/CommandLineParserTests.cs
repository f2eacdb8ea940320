using System;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

public class CommandLineParserTests
{
    private static Invocation Parse(params string[] args) => CommandLineParser.Parse(args, SharprunCommands.All);

    private static ParsedCommand Command(params string[] args) => Assert.IsType<Invocation.Execute>(Parse(args)).Command;

    private static UsageException Fails(params string[] args) => Assert.Throws<UsageException>(() => Parse(args));

    [Fact]
    public void BuildWithEveryOption()
    {
        var command = Command("build", "images/hello", "-o", "out.elf", "--platform=baremetal", "--strip", "--strict", "--verbose");
        Assert.Equal("build", command.Spec.Name);
        Assert.Equal("images/hello", command.Argument);
        Assert.Equal("out.elf", command.Value("output"));
        Assert.Equal("baremetal", command.Choice("platform", SharprunCommands.Platforms, "x"));
        Assert.True(command.Has("strip"));
        Assert.True(command.Has("strict"));
        Assert.True(command.Has("verbose"));
        Assert.Empty(command.PassThrough);
    }

    [Fact]
    public void OptionsMayPrecedeTheArgument()
    {
        var command = Command("build", "--strip", "--output", "a b.elf", "app.csproj");
        Assert.Equal("app.csproj", command.Argument);
        Assert.Equal("a b.elf", command.Value("output"));
    }

    [Fact]
    public void RunPassesEverythingAfterDoubleDashUntouched()
    {
        var command = Command("run", "app.elf", "-m", "256", "--", "--help", "-o", "--", "", "ünï \"x\"");
        Assert.Equal(["--help", "-o", "--", "", "ünï \"x\""], command.PassThrough);
        Assert.Equal(256, command.Integer("memory", 16, 4096, 128));
        Assert.False(command.Has("help"));
    }

    [Fact]
    public void EnvironmentOptionsRepeatInOrder()
    {
        var command = Command("run", "app.elf", "-e", "A=1", "--env", "B=x y", "--env=C=a=b", "-e", "A=2");
        Assert.Equal(["A=1", "B=x y", "C=a=b", "A=2"], command.Values("env"));
        Assert.Equal(["K=V"], Command("build", "app", "-e", "K=V").Values("env"));
        Assert.Empty(Command("run", "app.elf").Values("env"));
    }

    [Fact]
    public void OtherOptionsStillMayNotRepeat() => Assert.Contains("given twice", Fails("run", "app.elf", "-m", "5", "-m", "6").Message);

    [Theory]
    [InlineData("NOEQUALS", "no '='")]
    [InlineData("=value", "non-empty KEY")]
    public void MalformedEnvironmentDefinitionsAreUsageErrors(string definition, string expected)
    {
        var command = Command("run", "app.elf", "-e", "A=1", "-e", definition);
        var error = Assert.Throws<UsageException>(() => Sharprun.Toolchain.Launch.GuestEnvironment.Parse(command.Values("env"), "run"));
        Assert.Contains(expected, error.Message);
        Assert.Contains(definition, error.Message);
    }

    [Fact]
    public void EnvironmentValuesMayBeEmptyOrHoldEquals() =>
        Assert.Equal(["E=", "Q=a=b"], Sharprun.Toolchain.Launch.GuestEnvironment.Parse(["E=", "Q=a=b"], "build"));

    [Fact]
    public void AnEnvironmentOptionNeedsAValue() => Assert.Contains("needs a value", Fails("run", "app.elf", "-e").Message);

    [Fact]
    public void RunAcceptsAnyMemorySizeFromOneMiB() => Assert.Equal(2, Command("run", "app.elf", "-m", "2").Integer("memory", 1, 1 << 20, 128));

    [Fact]
    public void DefaultsApplyWhenOptionsAreAbsent()
    {
        var command = Command("run", "app.elf");
        Assert.Equal(128, command.Integer("memory", 16, 4096, 128));
        Assert.Equal("tcg", command.Choice("accel", SharprunCommands.Accelerators, "tcg"));
        Assert.Null(command.Value("timeout"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void ToolHelp(string word) => Assert.Null(Assert.IsType<Invocation.Help>(Parse(word)).Command);

    [Theory]
    [InlineData("build", "--help")]
    [InlineData("build", "x", "-h")]
    [InlineData("help", "build")]
    public void CommandHelp(params string[] args) =>
        Assert.Equal("build", Assert.IsType<Invocation.Help>(Parse(args)).Command?.Name);

    [Fact]
    public void HelpAfterDoubleDashBelongsToTheApplication() =>
        Assert.Equal(["--help"], Command("run", "x.elf", "--", "--help").PassThrough);

    [Fact]
    public void Version() => Assert.IsType<Invocation.Version>(Parse("--version"));

    [Theory]
    [InlineData("no command given")]
    public void NothingIsAUsageError(string message) => Assert.Contains(message, Fails().Message);

    [Theory]
    [InlineData("unknown command 'frob'", "frob")]
    [InlineData("unknown option '--frob'", "--frob")]
    [InlineData("needs <project>", "build")]
    [InlineData("needs <image|project>", "run", "--memory", "64")]
    [InlineData("unknown option '--frob' for 'build'", "build", "x", "--frob")]
    [InlineData("unknown option '-z'", "build", "x", "-z")]
    [InlineData("unknown option '-os'", "build", "x", "-os")]
    [InlineData("--output needs a value", "build", "x", "--output")]
    [InlineData("--output needs a value", "build", "x", "-o", "--")]
    [InlineData("--output needs a non-empty value", "build", "x", "--output=")]
    [InlineData("--strip takes no value", "build", "x", "--strip=yes")]
    [InlineData("--strip given twice", "build", "x", "--strip", "--strip")]
    [InlineData("unexpected argument 'y'", "build", "x", "y")]
    [InlineData("put the application's arguments after '--'", "run", "x", "y")]
    [InlineData("'build' takes no arguments after '--'", "build", "x", "--", "y")]
    [InlineData("unexpected argument 'x' after '--version'", "--version", "x")]
    [InlineData("unknown command 'frob'", "help", "frob")]
    public void MistakesAreUsageErrors(string message, params string[] args) => Assert.Contains(message, Fails(args).Message);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("+64")]
    [InlineData("1e3")]
    [InlineData("64MiB")]
    [InlineData("99999999999999999999")]
    public void MalformedNumbersAreUsageErrors(string value)
    {
        var command = Command("run", "x.elf", "--memory", value);
        var error = Assert.Throws<UsageException>(() => command.Integer("memory", 16, 4096, 128));
        Assert.Contains($"not '{value}'", error.Message);
        Assert.Equal("run", error.Command);
    }

    [Fact]
    public void ChoicesAreChecked()
    {
        var command = Command("run", "x.elf", "--accel", "hvf");
        var error = Assert.Throws<UsageException>(() => command.Choice("accel", SharprunCommands.Accelerators, "tcg"));
        Assert.Contains("one of tcg, kvm", error.Message);
    }

    [Fact]
    public void HelpTextNamesEveryCommandOptionAndExitCode()
    {
        string tool = SharprunCommands.ToolHelp();
        foreach (var command in SharprunCommands.All)
        {
            Assert.Contains(command.Name, tool);
            string help = SharprunCommands.CommandHelp(command);
            foreach (var option in command.Options)
                Assert.Contains("--" + option.Name, help);
        }
        foreach (var code in new[] { "124", "125", "  2 " })
            Assert.Contains(code, tool, StringComparison.Ordinal);
    }
}
