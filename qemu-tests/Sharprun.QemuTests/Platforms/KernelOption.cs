namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// Kernel options a test case may set, and the <c>sharprun run</c> flag that sets each on bare metal (the CLI writes
/// them on the kernel command line; the Xen rig puts the same command line in the DomU's configuration).
/// </summary>
public static class KernelOption
{
    public const string GcVerify = "gc.verify";
    public const string GcTrace = "gc.trace";

    public static string RunFlag(string option) => option switch
    {
        GcVerify => "--gc-verify",
        GcTrace => "--gc-trace",
        _ => throw new ArgumentException($"no run flag sets the kernel option '{option}'"),
    };
}
