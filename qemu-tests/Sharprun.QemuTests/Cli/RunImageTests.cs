using System;
using System.IO;
using Xunit;

namespace Sharprun.QemuTests.Cli;

/// <summary><c>sharprun run</c> on hand-made guests: output routing, the kernel-log protocol and every way a boot ends.</summary>
public sealed class RunImageTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-run-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Save(TinyGuestImage image, string name = "guest.elf") => image.Save(Path.Combine(_folder, name));

    private static TinyGuestImage Talkative() => new TinyGuestImage()
        .Stdout("hello from COM1\n")
        .Stderr("warning from COM2\n")
        .KernelLog("kernel: booted\npanic: just a drill\n")
        .Stdout("second line\n");

    [Fact]
    public void ExitRecordGivesTheApplicationsExitCodeAndPortsReachTheirStreams()
    {
        string image = Save(Talkative().KernelLog("@@sharprun-exit 42\n").PowerOff());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "60", "--", "arg one", "\"quoted\"");
        Assert.True(result.ExitCode == 42, result.ToString());
        Assert.Equal("hello from COM1\nsecond line\n", result.Output);
        Assert.Contains("warning from COM2\n", result.Error);
        Assert.Contains("panic: just a drill\n", result.Error);
        Assert.DoesNotContain("kernel: booted", result.Error);
        Assert.DoesNotContain("@@sharprun", result.Error);
    }

    [Fact]
    public void VerboseShowsTheKernelLogAndTheQemuCommand()
    {
        string image = Save(Talkative().KernelLog("@@sharprun-exit 0\n").PowerOff());
        var result = SharprunProcess.Run(Limit, "run", image, "--verbose", "--timeout", "60", "--", "a b");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kernel: booted\n", result.Error);
        Assert.Contains("-append '\"a b\"'", result.Error);
        Assert.Equal("hello from COM1\nsecond line\n", result.Output);
    }

    [Fact]
    public void PanicRecordExitsWith125()
    {
        string image = Save(new TinyGuestImage().KernelLog("panic: null reference in the GC\n@@sharprun-panic\n").PowerOff());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "60");
        Assert.True(result.ExitCode == 125, result.ToString());
        Assert.Contains("panic: null reference in the GC", result.Error);
        Assert.Contains("the kernel panicked", result.Error);
    }

    [Fact]
    public void TripleFaultIsAStopWithoutExitRecord()
    {
        string image = Save(new TinyGuestImage().Stdout("about to fault\n").TripleFault());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "60");
        Assert.True(result.ExitCode == 125, result.ToString());
        Assert.Equal("about to fault\n", result.Output);
        Assert.Contains("guest stopped without an exit record", result.Error);
    }

    [Fact]
    public void PowerOffWithoutExitRecordIsAStopWithoutExitRecord()
    {
        string image = Save(new TinyGuestImage().KernelLog("@@sharprun-exit 300\n").PowerOff());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "60");
        Assert.True(result.ExitCode == 125, result.ToString());
        Assert.Contains("malformed record from the kernel: @@sharprun-exit 300", result.Error);
        Assert.Contains("guest stopped without an exit record", result.Error);
    }

    [Fact]
    public void HangingGuestTimesOut()
    {
        string image = Save(new TinyGuestImage().Stdout("waiting forever\n").Hang());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "3");
        Assert.True(result.ExitCode == 124, result.ToString());
        Assert.Equal("waiting forever\n", result.Output);
        Assert.Contains("timed out after 3 s", result.Error);
    }

    [Fact]
    public void ARecordWithoutPowerOffStillEndsTheRun()
    {
        // The guest reports its exit code but never powers off: the launcher ends QEMU itself.
        string image = Save(new TinyGuestImage().KernelLog("@@sharprun-exit 3\n").Hang());
        var result = SharprunProcess.Run(Limit, "run", image, "--timeout", "60");
        Assert.True(result.ExitCode == 3, result.ToString());
    }
}
