using System.Text;
using Sharprun.Toolchain.Launch;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary>
/// One boot of the Xen rig (Linux dom0, ~16 s under TCG) shared by every DomU test: dom0 creates all the guests
/// below one after the other, and each test looks at its guest's outcome.
/// </summary>
public sealed class XenRigFixture
{
    public const string Hello = "hello";
    public const string ExitCode = "exit-code";
    public const string EnvironmentExit = "environment-exit";
    public const string Unhandled = "unhandled";
    public const string Features = "features";
    public const string Threads = "threads";
    public const string Timing = "timing";

    private readonly Lazy<Dictionary<string, XenGuestOutcome>> _outcomes;

    public XenRigFixture() => _outcomes = new(Boot);

    public static StepLog Log { get; } = new(TextWriter.Null, verbose: false);

    public XenGuestOutcome this[string name] => _outcomes.Value[name];

    public static XenGuest Guest(string name, string project, params string[] arguments) =>
        new(name, XenGuestImages.Get(project), KernelCommandLine.Encode(arguments), 64);

    private static Dictionary<string, XenGuestOutcome> Boot()
    {
        var guests = new[]
        {
            Guest(Hello, "images/hello", "a b", "c"),
            Guest(ExitCode, "qemu-tests/Images/faults", "exit-code", "200"),
            Guest(EnvironmentExit, "qemu-tests/Images/faults", "exit"),
            Guest(Unhandled, "qemu-tests/Images/faults", "unhandled"),
            Guest(Features, "qemu-tests/Images/features", "a b", "say \"hi\"", "back\\slash", "ünï"),
            Guest(Threads, "qemu-tests/Images/threads", "all"),
            Guest(Timing, "qemu-tests/Images/threads", "timing"),
        };
        var rig = XenRig.Prepare(Log);
        var run = new XenRigRun(rig, guests);
        var outcomes = run.Run(timeoutSeconds: 600);
        if (!run.Completed)
            throw new InvalidOperationException($"the Xen rig did not complete (timed out: {run.TimedOut}): {string.Join("; ", run.Errors)}");
        return outcomes.ToDictionary(o => o.Name);
    }

    public static string Text(List<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray());
}

[CollectionDefinition(Name)]
public sealed class XenRigCollection : ICollectionFixture<XenRigFixture>
{
    public const string Name = "Xen rig";
}
