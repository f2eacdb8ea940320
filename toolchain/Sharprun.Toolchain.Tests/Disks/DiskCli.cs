using System.Text;
using Sharprun.Toolchain.Disks;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Xunit;

namespace Sharprun.Toolchain.Tests.Disks;

/// <summary>One <c>sharprun disk</c> command run in-process, with the dispatcher's exit codes and error lines.</summary>
internal sealed record DiskCli(int ExitCode, byte[] Output, string Error)
{
    public string Text => Encoding.UTF8.GetString(Output);

    public static DiskCli Run(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        int exit;
        try
        {
            var execute = Assert.IsType<Invocation.Execute>(CommandLineParser.Parse(args, SharprunCommands.All));
            exit = DiskCommands.Execute(execute.Command, output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine($"sharprun: {e.Message}");
            exit = ExitCodes.Usage;
        }
        catch (ToolchainException e)
        {
            error.WriteLine($"sharprun: error: {e.Message}");
            exit = ExitCodes.BuildFailure;
        }
        return new DiskCli(exit, output.ToArray(), error.ToString());
    }

    public DiskCli Succeeds()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Error}");
        return this;
    }
}
