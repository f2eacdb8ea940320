using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// A command-line tool built on popular packages from the registry (qemu-tests/Images/packages: System.CommandLine,
/// Spectre.Console, Serilog with its console sink, Polly.Core, FluentValidation) prints exactly what its NativeAOT
/// linux-x64 build prints, on both streams, with the same exit code. Both run with the same environment, nothing
/// else: Spectre.Console and Serilog decide colours from TERM. Spectre's and Serilog's Windows console P/Invokes are
/// compiled (behind run-time OS checks) and bound lazily; the tool's own kernel32.dll call throws the
/// DllNotFoundException Linux throws.
/// </summary>
public sealed class PackageToolTests
{
    private const string Image = "packages";

    [Theory]
    [InlineData("", new[] { "render" })]
    [InlineData("xterm-256color", new[] { "render", "--rows", "4", "--title", "Worlds" })]
    [InlineData("", new[] { "log" })]
    [InlineData("xterm-256color", new[] { "log", "-q" })]
    [InlineData("", new[] { "retry", "2" })]
    [InlineData("", new[] { "retry", "5" })]
    [InlineData("", new[] { "validate", "--name", "Ada", "--age", "36", "--email", "ada@example.org" })]
    [InlineData("", new[] { "validate", "--age", "200", "--email", "nope" })]
    [InlineData("", new[] { "validate", "--age", "x" })]
    [InlineData("", new[] { "native" })]
    [InlineData("", new[] { "--help" })]
    [InlineData("", new[] { "render", "--help" })]
    [InlineData("", new[] { "bogus", "--nope" })]
    public void GuestMatchesNativeAotOnTheHost(string term, string[] arguments)
    {
        var environment = term.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["TERM"] = term };
        string[] runOptions = environment.SelectMany(variable => new[] { "-e", $"{variable.Key}={variable.Value}" }).ToArray();
        var guest = GuestImages.BootWith(Image, runOptions, arguments);
        var host = NativeAotReference.RunWithOnly(environment, Image, arguments);
        Assert.True(host.ExitCode == guest.ExitCode, $"exit {guest.ExitCode}, the host's build exits {host.ExitCode}\n{guest}");
        Assert.Equal(host.Output, guest.Output);
        Assert.Equal(host.Error, guest.Error);
    }
}
