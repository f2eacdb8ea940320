using System;
using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary>The real CLI, given wrong arguments or projects it must refuse.</summary>
public class CliUsageTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(5);

    [Fact]
    public void HelpAndVersionSucceed()
    {
        var help = SharprunProcess.Run(Quick, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("sharprun build <project>", help.Output);
        Assert.Contains("124", help.Output);

        var runHelp = SharprunProcess.Run(Quick, "run", "--help");
        Assert.True(runHelp.ExitCode == 0, runHelp.ToString());
        Assert.Contains("--timeout <seconds>", runHelp.Output);

        var version = SharprunProcess.Run(Quick, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("sharprun ", version.Output);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        var result = SharprunProcess.Run(Quick, "frobnicate");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("unknown command 'frobnicate'", result.Error);
        Assert.Contains("sharprun --help", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        var result = SharprunProcess.Run(Quick, "build", "images/hello", "--optimize-harder");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("unknown option '--optimize-harder' for 'build'", result.Error);
    }

    [Fact]
    public void NoArgumentsIsAUsageError()
    {
        var result = SharprunProcess.Run(Quick);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no command given", result.Error);
    }

    [Fact]
    public void MissingProjectIsAUsageError()
    {
        var result = SharprunProcess.Run(Quick, "build", "qemu-tests/Projects/DoesNotExist");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no such project: 'qemu-tests/Projects/DoesNotExist'", result.Error);
    }

    [Fact]
    public void RunOfAMissingImageIsAUsageError()
    {
        var result = SharprunProcess.Run(Quick, "run", "nowhere/app.elf");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no such image or project: 'nowhere/app.elf'", result.Error);
    }

    [Fact]
    public void ProjectNotTargetingNet10IsRefusedWithTheRetargetAdvice()
    {
        var result = SharprunProcess.Run(Quick, "build", "qemu-tests/Projects/Net9App");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Net9App.csproj targets net9.0; sharprun needs net10.0", result.Error);
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void PInvokeIntoAMissingLibraryIsAWarningAndStrictRefusesIt()
    {
        string image = Path.Combine(Path.GetTempPath(), $"sharprun-libfoo-{Environment.ProcessId}.elf");
        try
        {
            var build = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", "qemu-tests/Projects/LibfooPInvoke/LibfooPInvoke.csproj", "-o", image);
            Assert.True(build.ExitCode == 0, build.ToString());
            // One warning for the library, naming both entry points (a DllImport and a LibraryImport) and their caller.
            Assert.Single(build.Output.Split('\n'), line => line.Contains("'libfoo'", StringComparison.Ordinal));
            Assert.Contains("sharprun: warning: native library 'libfoo' is not provided by the Sharprun kernel: calls of foo_add, foo_scale throw DllNotFoundException, " +
                "as on Linux without it. Called from LibfooPInvoke.Program.Main (LibfooPInvoke).", build.Output);
            Assert.True(File.Exists(image));

            var strict = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", "qemu-tests/Projects/LibfooPInvoke/LibfooPInvoke.csproj", "-o", image, "--strict");
            Assert.True(strict.ExitCode == 1, strict.ToString());
            Assert.Contains("--strict refuses them:", strict.Error);
            Assert.Contains("native library 'libfoo' is not provided by the Sharprun kernel: calls of foo_add, foo_scale", strict.Error);
            Assert.DoesNotContain("   at ", strict.Error);

            // The report of --check lists the library too, and fails.
            var check = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", "qemu-tests/Projects/LibfooPInvoke/LibfooPInvoke.csproj", "--check");
            Assert.True(check.ExitCode == 1, check.ToString());
            Assert.Contains("sharprun: warning: native library 'libfoo' is not provided by the Sharprun kernel", check.Output);
        }
        finally
        {
            File.Delete(image);
            File.Delete(Path.ChangeExtension(image, ".map"));
            File.Delete(image + ".inputs");
        }
    }
}
