using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public class QemuCommandTests
{
    private static IReadOnlyList<string> Arguments(string accel = "tcg", params string[] appArguments) =>
        QemuCommand.Arguments(new LaunchOptions("/img/app.elf", appArguments, 64, null, accel, false), ["/s/1", "/s/2", "/s/3"]);

    private static string After(IReadOnlyList<string> arguments, string flag) => arguments[arguments.ToList().IndexOf(flag) + 1];

    [Fact]
    public void BootsTheImageWithTheRequiredDevices()
    {
        var arguments = Arguments();
        Assert.Equal("/img/app.elf", After(arguments, "-kernel"));
        Assert.Equal("64", After(arguments, "-m"));
        Assert.Equal("tcg", After(arguments, "-accel"));
        Assert.Equal("max", After(arguments, "-cpu"));
        Assert.Equal("isa-debug-exit,iobase=0xf4,iosize=0x04", After(arguments, "-device"));
        Assert.Contains("-no-reboot", arguments);
        Assert.Equal("none", After(arguments, "-display"));
    }

    [Fact]
    public void DeclaresTheThreeSerialPortsInOrder()
    {
        var arguments = Arguments().ToList();
        var chardevs = arguments.Select((a, i) => (a, i)).Where(p => p.a == "-chardev").Select(p => arguments[p.i + 1]).ToList();
        var serials = arguments.Select((a, i) => (a, i)).Where(p => p.a == "-serial").Select(p => arguments[p.i + 1]).ToList();
        Assert.Equal(["socket,id=com1,path=/s/1", "socket,id=com2,path=/s/2", "socket,id=com3,path=/s/3"], chardevs);
        Assert.Equal(["chardev:com1", "chardev:com2", "chardev:com3"], serials);
    }

    [Fact]
    public void ApplicationArgumentsGoEncodedOnTheKernelCommandLine() =>
        Assert.Equal("\"a b\" \"\\\"q\\\"\"", After(Arguments("tcg", "a b", "\"q\""), "-append"));

    [Fact]
    public void KvmUsesTheHostCpu()
    {
        var arguments = Arguments("kvm");
        Assert.Equal("kvm", After(arguments, "-accel"));
        Assert.Equal("host", After(arguments, "-cpu"));
    }
}
