using System;
using System.Linq;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class BootGuestTests
{
    [Fact]
    public void EveryGuestGetsTheCommonFlagsAndOneSerialPortOnStdout()
    {
        var plain = new BootGuest("floor", "/k.elf", null, null, "m", TimeSpan.FromSeconds(1)).QemuArguments();
        Assert.Equal(BootGuest.CommonFlags, plain.Take(BootGuest.CommonFlags.Count));
        Assert.Equal(["-accel", "tcg", "-cpu", "max", "-m", "128", "-display", "none", "-no-reboot"], BootGuest.CommonFlags);
        Assert.Single(plain, a => a == "-serial");
        Assert.Equal("stdio", plain[plain.ToList().IndexOf("-serial") + 1]);
        Assert.DoesNotContain("-initrd", plain);
        Assert.DoesNotContain("-append", plain);

        var linux = new BootGuest("linux", "/vmlinuz", "/initrd.gz", "console=ttyS0 quiet", "m", TimeSpan.FromSeconds(1)).QemuArguments().ToList();
        Assert.Equal("/vmlinuz", linux[linux.IndexOf("-kernel") + 1]);
        Assert.Equal("/initrd.gz", linux[linux.IndexOf("-initrd") + 1]);
        Assert.Equal("console=ttyS0 quiet", linux[linux.IndexOf("-append") + 1]);
        Assert.Equal(plain.Count + 4, linux.Count);
    }

    [Fact]
    public void DevicesComeLastAsGiven()
    {
        string[] disk = ["-drive", "file=/d.img,if=none,id=disk0,format=raw,cache=writeback", "-device", "virtio-blk-pci,drive=disk0"];
        var plain = new BootGuest("linux", "/vmlinuz", "/initrd.gz", "console=ttyS0", "m", TimeSpan.FromSeconds(1));
        var withDisk = (plain with { Devices = disk }).QemuArguments();
        Assert.Equal([.. plain.QemuArguments(), .. disk], withDisk);
    }

    [Fact]
    public void AGuestMayAskForAnotherMemorySize()
    {
        var small = new BootGuest("small", "/k.elf", null, null, null, TimeSpan.FromSeconds(1), MemoryMiB: 6).QemuArguments().ToList();
        Assert.Equal("6", small[small.IndexOf("-m") + 1]);
        Assert.Single(small, a => a == "-m");
        Assert.Equal(["-accel", "tcg", "-cpu", "max", "-m", "128", "-display", "none", "-no-reboot"], BootGuest.CommonFlags);
    }
}
