using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Benchmarks;

public sealed class LinuxInitramfsTests
{
    private static readonly byte[] FakeBusybox = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 42];

    [Fact]
    public void HoldsConsoleBusyboxAndAnInitThatPrintsTheMarkerAndPowersOff()
    {
        using var gzip = new GZipStream(new MemoryStream(LinuxInitramfs.Build(FakeBusybox)), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        gzip.CopyTo(cpio);
        var list = NewcArchiveReader.Read(cpio.ToArray());
        var entries = list.ToDictionary(e => e.Name);

        var console = entries["dev/console"];
        Assert.Equal(0x2000u, console.Mode & 0xF000);   // character device
        Assert.Equal((5u, 1u), (console.RdevMajor, console.RdevMinor));
        Assert.Equal(FakeBusybox, entries["bin/busybox"].Data);
        Assert.Equal(0x1EDu, entries["bin/busybox"].Mode & 0x1FF);

        var init = entries["init"];
        Assert.Equal(0x8000u, init.Mode & 0xF000);
        Assert.Equal(0x1EDu, init.Mode & 0x1FF);
        string script = Encoding.ASCII.GetString(init.Data);
        Assert.StartsWith("#!/bin/busybox sh\n", script);
        Assert.Contains(LinuxInitramfs.Marker, script);
        Assert.Contains("poweroff -f", script);
        // Directories come before what they hold, as the kernel's unpacker needs.
        var names = list.Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("dev") < names.IndexOf("dev/console"));
        Assert.True(names.IndexOf("bin") < names.IndexOf("bin/busybox"));
    }

    [Fact]
    public void AProgramArchiveHoldsTheProgramItsLibrariesAndAnInitThatRunsIt()
    {
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F', 7];
        byte[] libc = [1, 2, 3];
        byte[] loader = [4, 5];
        var archive = LinuxInitramfs.BuildForProgram(FakeBusybox, "gc", program, ["pauses", "50 MiB", ""],
            [("/lib/x86_64-linux-gnu/libc.so.6", libc), ("/lib64/ld-linux-x86-64.so.2", loader), ("/lib/x86_64-linux-gnu/libm.so.6", libc)]);
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        gzip.CopyTo(cpio);
        var list = NewcArchiveReader.Read(cpio.ToArray());
        var entries = list.ToDictionary(e => e.Name);

        Assert.Equal(program, entries["app/gc"].Data);
        Assert.Equal(libc, entries["lib/x86_64-linux-gnu/libc.so.6"].Data);
        Assert.Equal(loader, entries["lib64/ld-linux-x86-64.so.2"].Data);
        Assert.Equal(FakeBusybox, entries["bin/busybox"].Data);
        var names = list.Select(e => e.Name).ToList();
        Assert.Equal(1, names.Count(n => n == "lib"));
        Assert.True(names.IndexOf("lib") < names.IndexOf("lib/x86_64-linux-gnu"));
        Assert.True(names.IndexOf("lib/x86_64-linux-gnu") < names.IndexOf("lib/x86_64-linux-gnu/libc.so.6"));
        Assert.True(names.IndexOf("app") < names.IndexOf("app/gc"));

        string script = Encoding.ASCII.GetString(entries["init"].Data);
        Assert.Contains("\n/app/gc 'pauses' '50 MiB' ''\n", script);
        Assert.Contains($"echo \"{LinuxInitramfs.ProgramExitMarker}$?\"", script);
        Assert.EndsWith("poweroff -f\n", script);
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public void RejectsArgumentsTheInitScriptCannotQuote(string argument) =>
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.ProgramInitScript("gc", [argument]));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("gc;reboot")]
    [InlineData("g c")]
    public void RejectsProgramNamesThatAreNotPlainFileNames(string name) =>
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.ProgramInitScript(name, []));

    [Fact]
    public void RejectsAProgramThatIsNotElfAndRelativeLibraryPaths()
    {
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.BuildForProgram(FakeBusybox, "gc", "#!/bin/sh"u8, [], []));
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.BuildForProgram(FakeBusybox, "gc", program, [], [("lib/libc.so.6", [1])]));
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.BuildForProgram(FakeBusybox, "gc", program, [], [("/lib/../libc.so.6", [1])]));
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.BuildForProgram(FakeBusybox, "gc", program, [], [("/bin/busybox", [1])]));
    }

    [Fact]
    public void RejectsABusyboxThatIsNotElf()
    {
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.Build(Encoding.ASCII.GetBytes("#!/bin/sh\n")));
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.Build([]));
    }

    [Fact]
    public void ANetworkArchiveHoldsTheModulesAndAnInitThatLoadsThemAndConfiguresEth0BeforeTheProgram()
    {
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F', 7];
        byte[] failover = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1];
        byte[] netFailover = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2];
        var network = LinuxNetworkSetup.UserNetwork([new KernelModule("failover", failover), new KernelModule("net_failover", netFailover)]);
        var archive = LinuxInitramfs.BuildForProgram(FakeBusybox, "httplistener", program, [], [("/lib/x86_64-linux-gnu/libc.so.6", [1])], network);
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        gzip.CopyTo(cpio);
        var list = NewcArchiveReader.Read(cpio.ToArray());
        var entries = list.ToDictionary(e => e.Name);

        Assert.Equal(failover, entries["lib/modules/failover.ko"].Data);
        Assert.Equal(netFailover, entries["lib/modules/net_failover.ko"].Data);
        var names = list.Select(e => e.Name).ToList();
        Assert.Equal(1, names.Count(n => n == "lib"));
        Assert.True(names.IndexOf("lib/modules") < names.IndexOf("lib/modules/failover.ko"));

        string script = Encoding.ASCII.GetString(entries["init"].Data);
        string[] steps =
        [
            "mount -t sysfs sysfs /sys\n",
            "/bin/busybox mount -t devtmpfs devtmpfs /dev || ",
            "/bin/busybox insmod /lib/modules/failover.ko || ",
            "/bin/busybox insmod /lib/modules/net_failover.ko || ",
            "/bin/busybox ip link set lo up || ",
            "/bin/busybox ip link set eth0 up || ",
            "/bin/busybox ip addr add 10.0.2.15/24 dev eth0 || ",
            "/bin/busybox ip route add default via 10.0.2.2 || ",
            "\n/app/httplistener\n",
        ];
        var positions = steps.Select(step => script.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains($"echo '{LinuxNetworkSetup.FailureMarker}ip link set eth0 up'", script);
    }

    [Fact]
    public void ADiskArchiveHoldsTheModulesAndAnInitThatMountsTheDiskBeforeTheProgramAndUnmountsItAfter()
    {
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F', 7];
        byte[] crc16 = [0x7F, (byte)'E', (byte)'L', (byte)'F', 3];
        byte[] ext4 = [0x7F, (byte)'E', (byte)'L', (byte)'F', 4];
        var disk = LinuxDiskSetup.Ext2([new KernelModule("crc16", crc16), new KernelModule("ext4", ext4)], "/data");
        var archive = LinuxInitramfs.BuildForProgram(FakeBusybox, "diskbench", program, ["write", "/data", "256"], [], disk: disk);
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var cpio = new MemoryStream();
        gzip.CopyTo(cpio);
        var entries = NewcArchiveReader.Read(cpio.ToArray()).ToDictionary(e => e.Name);

        Assert.Equal(crc16, entries["lib/modules/crc16.ko"].Data);
        Assert.Equal(ext4, entries["lib/modules/ext4.ko"].Data);
        string script = Encoding.ASCII.GetString(entries["init"].Data);
        string[] steps =
        [
            "/bin/busybox mount -t devtmpfs devtmpfs /dev || ",
            "/bin/busybox insmod /lib/modules/crc16.ko || ",
            "/bin/busybox insmod /lib/modules/ext4.ko || ",
            "/bin/busybox mkdir -p /data || ",
            "/bin/busybox mount -t ext2 /dev/vda /data || ",
            "/bin/busybox cat /proc/mounts || ",
            "\n/app/diskbench 'write' '/data' '256'\n",
            $"echo \"{LinuxInitramfs.ProgramExitMarker}$?\"",
            "/bin/busybox umount /data || ",
            "poweroff -f\n",
        ];
        var positions = steps.Select(step => script.IndexOf(step, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains($"echo '{LinuxDiskSetup.FailureMarker}mount -t ext2 /dev/vda /data'", script);
        Assert.DoesNotContain(" ip ", script);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("/")]
    [InlineData("/data/")]
    [InlineData("/data/../etc")]
    [InlineData("/da ta")]
    [InlineData("/data'; reboot; '")]
    public void RefusesMountPointsTheScriptCannotUse(string mountPoint) =>
        Assert.Throws<ArgumentException>(() => LinuxDiskSetup.Ext2([], mountPoint).Commands());

    [Fact]
    public void RefusesADiskSetupWithRepeatedModulesOrAStrangeFileSystemType()
    {
        byte[] module = [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        Assert.Throws<ArgumentException>(() => LinuxDiskSetup.Ext2([new KernelModule("ext4", module), new KernelModule("ext4", module)], "/data").Commands());
        Assert.Throws<ArgumentException>(() => new LinuxDiskSetup([], "ext2 -o remount", "/data").Commands());
    }

    [Fact]
    public void AGuestGetsANetworkOrADiskNotBoth() =>
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.ProgramInitScript("app", [], LinuxNetworkSetup.UserNetwork([]), LinuxDiskSetup.Ext2([], "/data")));

    [Fact]
    public void AProgramArchiveWithoutNetworkLoadsNoModules()
    {
        string script = LinuxInitramfs.ProgramInitScript("gc", []);
        Assert.DoesNotContain("insmod", script);
        Assert.DoesNotContain(" ip ", script);
        Assert.DoesNotContain("umount", script);
    }

    [Theory]
    [InlineData("10.0.2.15", "10.0.2.2")]
    [InlineData("10.0.2.15/33", "10.0.2.2")]
    [InlineData("10.0.2.15/24; reboot", "10.0.2.2")]
    [InlineData("10.0.2.15/24", "10.0.2")]
    [InlineData("10.0.2.15/24", "10.0.2.2' ; reboot '")]
    public void RefusesAddressesTheScriptCannotUse(string address, string gateway) =>
        Assert.Throws<ArgumentException>(() => new LinuxNetworkSetup([], address, gateway).Commands());

    [Fact]
    public void RefusesModulesThatAreNotElfOrNotNamedPlainly()
    {
        byte[] program = [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.BuildForProgram(FakeBusybox, "app", program, [], [],
            LinuxNetworkSetup.UserNetwork([new KernelModule("virtio", [0x28, 0xB5, 0x2F, 0xFD])])));
        Assert.Throws<ArgumentException>(() => new LinuxNetworkSetup([new KernelModule("../virtio", program)], LinuxNetworkSetup.UserNetworkAddress, LinuxNetworkSetup.UserNetworkGateway).Commands());
        Assert.Throws<ArgumentException>(() => new LinuxNetworkSetup([new KernelModule("virtio", program), new KernelModule("virtio", program)],
            LinuxNetworkSetup.UserNetworkAddress, LinuxNetworkSetup.UserNetworkGateway).Commands());
    }
}
