using Sharprun.QemuTests.Cli;
using Xunit;

namespace Sharprun.QemuTests.Boot;

/// <summary>
/// Framework areas the kernel does not provide: the build reports them, naming the application method that
/// leads there, and binds their imports to stubs whose PlatformNotSupportedException the application can catch
/// (the exception starts in a kernel export reached from a P/Invoke site and must unwind through it). No host
/// NativeAOT comparison: on Linux these calls succeed.
/// </summary>
public sealed class UnavailableImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-unavailable-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheBuildReportsTheAreasAndTheGuestCatchesTheirExceptions()
    {
        string image = Path.Combine(_folder, "unavailable.elf");
        var build = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", SharprunProcess.InRepository("qemu-tests/Images/unavailable"), "-o", image);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(@"sharprun: warning:   System\.IO\.Pipes: pipes are not available \(a unikernel runs one process\)\. Reached from Program\.Main;", build.Output);
        Assert.Matches(@"sharprun: warning:   System\.Diagnostics\.Process: starting processes is not possible in a unikernel.*Reached from Program\.Main;", build.Output);
        Assert.Single(build.Output.Split('\n'), line => line.Contains("System.IO.Pipes:"));

        var run = SharprunProcess.Run(TimeSpan.FromMinutes(5), "run", image, "--timeout", "240", "--memory", "64");
        Assert.True(run.ExitCode == 0, run.ToString());
        string pipeFailure =
            "System.PlatformNotSupportedException: System.IO.Pipes: pipes are not available (a unikernel runs one process) (SystemNative_Pipe is not provided by the Sharprun kernel)\n";
        Assert.Equal(
            "pipe: " + pipeFailure +
            "process: System.PlatformNotSupportedException: System.Diagnostics.Process: starting processes is not possible in a unikernel " +
            "(there is one process, and no other to inspect) (SystemNative_RegisterForSigChld is not provided by the Sharprun kernel)\n" +
            "pipe again: " + pipeFailure +
            "survived\n",
            run.Output);
    }

    [Fact]
    public void CheckPrintsTheReportWritesNoImageAndFailsWhenAnythingIsReported()
    {
        string image = Path.Combine(_folder, "checked.elf");
        var check = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", SharprunProcess.InRepository("qemu-tests/Images/unavailable"), "--check", "-o", image);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("System.IO.Pipes: pipes are not available (a unikernel runs one process). Reached from Program.Main;", check.Output);
        Assert.DoesNotContain("  link", check.Output);
        Assert.False(File.Exists(image));

        var hello = SharprunProcess.Run(TimeSpan.FromMinutes(5), "build", SharprunProcess.InRepository("images/hello"), "--check", "-o", image);
        Assert.True(hello.ExitCode == 0, hello.ToString());
        Assert.Contains("sharprun: note: every framework area the application uses is provided", hello.Output);
        Assert.False(File.Exists(image));
    }
}
