using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Threading;

/// <summary>
/// Console.ReadLine reads the serial console: with <c>run -i</c> the host's standard input reaches the guest and
/// its end is the guest's end of input; without -i the guest sees end of input at once.
/// </summary>
public sealed class ConsoleInputTests
{
    [Fact]
    public void InteractiveRunFeedsStandardInputToReadLine()
    {
        var result = SharprunProcess.RunWithInput(TimeSpan.FromMinutes(3), "first line\nsecond, with ünïcödé\n\nlast\n",
            "run", GuestImages.Get("threads"), "-i", "--timeout", "120", "--", "echo");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("echo: first line\necho: second, with ünïcödé\necho: \necho: last\necho: end of input\n", result.Output);
    }

    [Fact]
    public void WithoutInteractiveTheGuestSeesEndOfInput()
    {
        var result = SharprunProcess.RunWithInput(TimeSpan.FromMinutes(3), "ignored\n",
            "run", GuestImages.Get("threads"), "--timeout", "120", "--", "echo");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("echo: end of input\n", result.Output);
    }
}
