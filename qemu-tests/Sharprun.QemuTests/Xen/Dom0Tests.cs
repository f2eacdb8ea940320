using System.Text;
using Sharprun.QemuTests.Boot;
using Sharprun.QemuTests.Platforms;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.QemuTests.Xen;

/// <summary>The fast rig: a Xen image as Xen's PVH dom0 (console_io, no toolstack).</summary>
public sealed class Dom0Tests
{
    private static XenGuestOutcome Boot(string project, params string[] arguments)
    {
        string image = XenGuestImages.Get(project);
        using var lease = GuestConcurrency.Alongside();
        return XenDom0Run.Run(XenRig.Prepare(XenRigBoot.Log), image, arguments, timeoutSeconds: 120);
    }

    private static string Text(List<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray());

    [Fact]
    public void HelloRunsAsDom0()
    {
        var dom0 = Boot("images/hello", "a b", "c");
        Assert.Equal("Hello from Sharprun!\n2 argument(s): a b c\n", Text(dom0.Output));
        Assert.Contains("xen: Xen 4.17, PVH dom0", dom0.KernelLog);
        Assert.Equal(2, dom0.ExitCode);
        // isa-debug-exit: QEMU's status is (code << 1) | 1.
        Assert.Equal("exit-status-5", dom0.State);
    }

    [Fact]
    public void ThreadsProgramMatchesTheHostAsDom0()
    {
        var dom0 = Boot("qemu-tests/Images/threads", "all");
        var host = NativeAotReference.Run("threads", "all");
        Assert.Equal(0, dom0.ExitCode);
        Assert.Equal(host.Output, Text(dom0.Output));
    }

    [Fact]
    public void ExitCodeAndUnhandledExceptionAsDom0()
    {
        var dom0 = Boot("qemu-tests/Images/faults", "unhandled");
        Assert.Contains("Unhandled exception. System.InvalidOperationException", Text(dom0.ErrorOutput));
        Assert.Equal(134, dom0.ExitCode);
    }
}
