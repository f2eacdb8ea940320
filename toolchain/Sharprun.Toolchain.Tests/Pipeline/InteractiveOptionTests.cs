using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Pipeline;

public class InteractiveOptionTests
{
    private static ParsedCommand Command(params string[] args) =>
        Assert.IsType<Invocation.Execute>(CommandLineParser.Parse(args, SharprunCommands.All)).Command;

    [Theory]
    [InlineData("-i")]
    [InlineData("--interactive")]
    public void RunTakesTheInteractiveFlag(string flag)
    {
        var command = Command("run", "app.elf", flag, "--", "-i");
        Assert.True(command.Has(SharprunCommands.Interactive.Name));
        Assert.Equal(["-i"], command.PassThrough);
    }

    [Fact]
    public void RunIsNotInteractiveByDefault() =>
        Assert.False(Command("run", "app.elf").Has(SharprunCommands.Interactive.Name));

    [Fact]
    public void BuildHasNoInteractiveFlag() =>
        Assert.Throws<UsageException>(() => CommandLineParser.Parse(["build", "app", "-i"], SharprunCommands.All));

    [Fact]
    public void RunHelpExplainsInputWithAndWithoutTheFlag()
    {
        string help = SharprunCommands.CommandHelp(SharprunCommands.RunCommand);
        Assert.Contains("-i, --interactive", help);
        Assert.Contains("Without -i the application's standard input is empty", help);
    }
}
