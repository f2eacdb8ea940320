using System.Diagnostics;
using Xunit;

namespace Sharprun.Ext2.TestTools;

/// <summary>e2fsprogs on the host: mke2fs makes images, e2fsck, debugfs and dumpe2fs judge what our code wrote.</summary>
public static class E2fsTools
{
    public const string Mke2fs = "/usr/sbin/mke2fs";
    public const string E2fsck = "/usr/sbin/e2fsck";
    public const string Debugfs = "/usr/sbin/debugfs";
    public const string Dumpe2fs = "/usr/sbin/dumpe2fs";

    public const string MissingMessage = "e2fsprogs (mke2fs, e2fsck, debugfs) not installed";

    public static bool Available => File.Exists(Mke2fs) && File.Exists(E2fsck) && File.Exists(Debugfs);

    /// <summary>Runs a tool; its standard output, followed by its standard error when <paramref name="withErrors"/>.</summary>
    public static (int ExitCode, string Output) Run(string tool, bool withErrors, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Images must carry real times, whatever the caller's environment says.
        start.Environment["E2FSPROGS_FAKE_TIME"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, withErrors ? output.Result + error.Result : output.Result);
    }

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments) => Run(tool, true, arguments);

    /// <summary>An image made by mke2fs (ext2, 8 MiB unless told) from <paramref name="seed"/> (or empty), in <paramref name="directory"/>.</summary>
    public static string MakeImage(string directory, int blockSize, int inodeSize, string? seed, string type = "ext2", string size = "8M", params string[] extra)
    {
        var image = Path.Combine(directory, $"image-{blockSize}-{inodeSize}-{Guid.NewGuid():N}.img");
        var arguments = new List<string> { "-q", "-F", "-t", type, "-b", blockSize.ToString(), "-I", inodeSize.ToString() };
        arguments.AddRange(extra);
        if (seed is not null)
        {
            arguments.Add("-d");
            arguments.Add(seed);
        }
        arguments.Add(image);
        arguments.Add(size);
        var (exit, output) = Run(Mke2fs, [.. arguments]);
        Assert.True(exit == 0, $"mke2fs failed: {output}");
        return image;
    }

    /// <summary>e2fsck -fn: a forced, read-only check; exit 0 when clean.</summary>
    public static (int ExitCode, string Output) Check(string image) => Run(E2fsck, "-fn", image);

    public static void AssertClean(string image)
    {
        var (exit, output) = Check(image);
        Assert.True(exit == 0, output);
    }

    /// <summary>e2fsck -fy: repairs whatever it finds; exit 0 when there was nothing to fix, 1 or 2 when it fixed everything, 4 and above when errors remain.</summary>
    public static (int ExitCode, string Output) Repair(string image) => Run(E2fsck, "-fy", image);

    /// <summary>debugfs dump of each file to its target, in one run; a file that is not there leaves its target absent.</summary>
    public static void DumpAll(string image, IEnumerable<(string Path, string Target)> files)
    {
        string commands = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(commands, files.Select(file => $"dump \"{file.Path}\" \"{file.Target}\""));
            Run(Debugfs, false, "-f", commands, image);
        }
        finally
        {
            File.Delete(commands);
        }
    }

    /// <summary>dumpe2fs -h: the superblock's fields as e2fsprogs reads them.</summary>
    public static string SuperblockSummary(string image) => Run(Dumpe2fs, false, "-h", image).Output;

    /// <summary>One debugfs request's standard output (its banner goes to standard error).</summary>
    public static string Debug(string image, string command) => Run(Debugfs, false, "-R", command, image).Output;
}
