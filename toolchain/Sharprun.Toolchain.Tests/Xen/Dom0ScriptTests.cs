using System.Diagnostics;
using System.IO;
using Sharprun.Toolchain.Xen;
using Xunit;

namespace Sharprun.Toolchain.Tests.Xen;

public class Dom0ScriptTests
{
    [Fact]
    public void InitIsAValidShellScript()
    {
        string script = Path.GetTempFileName();
        try
        {
            File.WriteAllText(script, Dom0Script.Init(["xen-evtchn", "xenfs"]));
            using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-n", script]) { RedirectStandardError = true })!;
            string errors = shell.StandardError.ReadToEnd();
            shell.WaitForExit();
            Assert.True(shell.ExitCode == 0, errors);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void InitForwardsTheConsoleInFramesTheHostReads()
    {
        string init = Dom0Script.Init([]);
        Assert.Contains($"base64 -w 76", init);
        Assert.Contains($"print p, o + d, c, $0", init);
        Assert.Contains(Dom0Script.RecordPrefix + "data $name", init);
    }

    [Fact]
    public void RunConnectsInputOnlyToTheGuestThatAsksForIt()
    {
        string run = Dom0Script.Run([new XenGuest("a", "/k", "", 64), new XenGuest("b", "/k", "", 64, FirstOutputPattern: "ready", Input: true)]);
        Assert.Equal("run_guest a \"$(printf '\\036')o\"\nrun_guest b \"ready\" input\n", run);
    }
}
