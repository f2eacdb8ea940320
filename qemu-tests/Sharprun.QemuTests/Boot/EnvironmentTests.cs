using System;
using System.IO;
using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// The guest's environment variables (from <c>run -e</c>, and defaults baked in by <c>build -e</c> that <c>run -e</c>
/// overrides key by key) and its process and system identity, as qemu-tests/Images/environment prints them. Not compared
/// with NativeAOT on the host: the host's environment, user and system are not the guest's.
/// </summary>
public sealed class EnvironmentTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-environment-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SharprunProcess.Result Run(string image, string[] options, params string[] names)
    {
        var result = SharprunProcess.Run(Limit, ["run", image, "--timeout", "240", "--memory", "64", .. options, "--", .. names]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private string BuildWithDefaults(params string[] definitions)
    {
        string image = Path.Combine(_folder, "environment-baked.elf");
        var options = new System.Collections.Generic.List<string> { "build", SharprunProcess.InRepository("qemu-tests/Images/environment"), "-o", image };
        foreach (var definition in definitions)
            options.AddRange(["-e", definition]);
        var result = SharprunProcess.Run(Limit, options.ToArray());
        Assert.True(result.ExitCode == 0, result.ToString());
        return image;
    }

    [Fact]
    public void RunSetsVariablesForOneBoot()
    {
        var result = Run(GuestImages.Get("environment"),
            ["-e", "GREETING=hello world", "--env=QUOTED=say \"hi\" C:\\x\\", "-e", "EMPTY=", "-e", "EQUALS=a=b=c", "-e", "UNICODE=ünï 🚀", "-e", "GREETING=hello again"],
            "GREETING", "QUOTED", "EMPTY", "EQUALS", "UNICODE", "HOME", "PATH");
        Assert.Contains("GREETING=hello again\n", result.Output);
        Assert.Contains("QUOTED=say \"hi\" C:\\x\\\n", result.Output);
        Assert.Contains("EMPTY=\n", result.Output);
        Assert.Contains("EQUALS=a=b=c\n", result.Output);
        Assert.Contains("UNICODE=ünï 🚀\n", result.Output);
        Assert.Contains("HOME=(unset)\n", result.Output);
        Assert.Contains("PATH=(unset)\n", result.Output);
        Assert.Contains("count: 5\n", result.Output);
        Assert.Contains("keys: [EMPTY, EQUALS, GREETING, QUOTED, UNICODE]\n", result.Output);
        Assert.DoesNotContain("mismatch", result.Output);
        Assert.Contains("set: yes, count now 6\n", result.Output);
        Assert.Contains("expand: [yes] [%NOT_DEFINED_ANYWHERE%]\n", result.Output);
    }

    [Fact]
    public void WithoutVariablesTheEnvironmentIsEmpty()
    {
        var result = Run(GuestImages.Get("environment"), [], "HOME");
        Assert.Contains("HOME=(unset)\n", result.Output);
        Assert.Contains("count: 0\nkeys: []\n", result.Output);
    }

    [Fact]
    public void BuildBakesDefaultsThatRunOverridesKeyByKey()
    {
        string image = BuildWithDefaults("MODE=baked", "LEVEL=3", "SPACED=a \"b\" \\c", "MODE=baked twice");

        var defaults = Run(image, [], "MODE", "LEVEL", "SPACED");
        Assert.Contains("MODE=baked twice\nLEVEL=3\nSPACED=a \"b\" \\c\n", defaults.Output);
        Assert.Contains("keys: [LEVEL, MODE, SPACED]\n", defaults.Output);

        var overridden = Run(image, ["-e", "MODE=from run", "-e", "EXTRA=1"], "MODE", "LEVEL", "EXTRA");
        Assert.Contains("MODE=from run\nLEVEL=3\nEXTRA=1\n", overridden.Output);
        Assert.Contains("count: 4\nkeys: [EXTRA, LEVEL, MODE, SPACED]\n", overridden.Output);
    }

    [Fact]
    public void TheBakedEnvironmentIsPartOfTheBuildFingerprint()
    {
        string image = BuildWithDefaults("A=1");
        string project = SharprunProcess.InRepository("qemu-tests/Images/environment");
        var same = SharprunProcess.Run(Limit, "build", project, "-o", image, "-e", "A=1");
        Assert.Contains("is up to date", same.Output);
        var changed = SharprunProcess.Run(Limit, "build", project, "-o", image, "-e", "A=2");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.DoesNotContain("is up to date", changed.Output);
        Assert.Contains("A=2\n", Run(image, [], "A").Output);
    }

    [Fact]
    public void TheProcessAndSystemSayTheyAreSharprun()
    {
        var result = Run(GuestImages.Get("environment"), []);
        Assert.Contains("pid: 1, stable True, positive True\n", result.Output);
        Assert.Contains("user: root, privileged True\n", result.Output);
        Assert.Contains("machine: sharprun, domain sharprun\n", result.Output);
        Assert.Contains("os version: Unix 1.0.0.0\n", result.Output);
        Assert.Contains("os description: Sharprun 1.0.0 unikernel for .NET (x86_64)\n", result.Output);
        Assert.Contains("os architecture: X64, process X64, 64-bit True\n", result.Output);
        Assert.Contains("is linux: True\n", result.Output);
    }

    [Theory]
    [InlineData("NOEQUALS", "no '='")]
    [InlineData("=value", "non-empty KEY")]
    public void MalformedDefinitionsAreUsageErrors(string definition, string message)
    {
        var run = SharprunProcess.Run(Limit, "run", GuestImages.Get("environment"), "-e", definition);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error);
        var build = SharprunProcess.Run(Limit, "build", SharprunProcess.InRepository("qemu-tests/Images/environment"), "-o", Path.Combine(_folder, "x.elf"), "-e", definition);
        Assert.True(build.ExitCode == 2, build.ToString());
        Assert.Contains(message, build.Error);
    }
}
