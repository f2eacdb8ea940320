using System.Diagnostics;

namespace Sharprun.Ext2.Tests.Support;

/// <summary>e2fsprogs on the host: mke2fs makes the images, e2fsck and debugfs check what our code wrote.</summary>
internal static class E2fsTools
{
    private const string Mke2fs = "/usr/sbin/mke2fs";
    private const string E2fsck = "/usr/sbin/e2fsck";
    private const string Debugfs = "/usr/sbin/debugfs";
    private const string Dumpe2fs = "/usr/sbin/dumpe2fs";

    public static bool Available => File.Exists(Mke2fs) && File.Exists(E2fsck) && File.Exists(Debugfs);

    public const string MissingMessage = "e2fsprogs (mke2fs, e2fsck, debugfs) not installed";

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments) => Run(tool, true, arguments);

    public static (int ExitCode, string Output) Run(string tool, bool withErrors, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["E2FSPROGS_FAKE_TIME"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, withErrors ? output.Result + error.Result : output.Result);
    }

    /// <summary>An 8 MiB image made by mke2fs -t ext2 from <paramref name="seed"/> (or empty).</summary>
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

    public static (int ExitCode, string Output) Check(string image) => Run(E2fsck, "-fn", image);

    /// <summary>dumpe2fs -h: the superblock's fields as e2fsprogs reads them.</summary>
    public static string SuperblockSummary(string image) => Run(Dumpe2fs, false, ["-h", image]).Output;

    public static string DebugCommand(string image, string command)
    {
        var (_, output) = Run(Debugfs, false, ["-R", command, image]);
        return output;
    }
}
