using System.Diagnostics;
using Xunit;

namespace Sharprun.Toolchain.Tests.Disks;

/// <summary>e2fsprogs on the host, to judge the images the disk commands write (the commands themselves never use it).</summary>
internal static class E2fsTools
{
    public const string Mke2fs = "/usr/sbin/mke2fs";
    public const string E2fsck = "/usr/sbin/e2fsck";
    public const string Debugfs = "/usr/sbin/debugfs";

    public static bool Available => File.Exists(Mke2fs) && File.Exists(E2fsck) && File.Exists(Debugfs);

    public const string MissingMessage = "e2fsprogs (mke2fs, e2fsck, debugfs) not installed";

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    public static void AssertClean(string image)
    {
        var (exit, output) = Run(E2fsck, "-fn", image);
        Assert.True(exit == 0, output);
    }

    /// <summary>debugfs's standard output only (its banner goes to standard error).</summary>
    public static string Debug(string image, string command)
    {
        var start = new ProcessStartInfo(Debugfs) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-R");
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(image);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        return output;
    }
}

/// <summary>A fact that xunit skips, saying why, when e2fsprogs is not installed.</summary>
public sealed class E2fsFactAttribute : FactAttribute
{
    public E2fsFactAttribute()
    {
        if (!E2fsTools.Available)
            Skip = E2fsTools.MissingMessage;
    }
}
