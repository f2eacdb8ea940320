using System;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Launch;
using Xunit;

namespace Sharprun.Toolchain.Tests.Launch;

public sealed class GuestDiskTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-disks-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Image(string name, int bytes = 4096)
    {
        string path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [Fact]
    public void TheFirstDiskMountsAtDataAndOthersWhereTheySay()
    {
        string first = Image("a.img"), second = Image("b:c.img");
        var disks = GuestDisk.ParseAll([first, second + ":/var/log/,ro"]);
        Assert.Equal([new GuestDisk(first, "/data", false), new GuestDisk(second, "/var/log", true)], disks);
        Assert.Equal(["fs.mounts=0:/data,1:/var/log:ro"], GuestDisk.KernelOptions(disks));
    }

    [Fact]
    public void EachDiskIsAVirtioBlockDeviceWhoseCacheHonoursFlushes()
    {
        string file = Image("x,y.img");
        var disk = GuestDisk.Parse(file + ",ro", "/data");
        Assert.Equal(["-drive", $"file={file.Replace(",", ",,")},if=none,id=disk1,format=raw,cache=writeback,readonly=on", "-device", "virtio-blk-pci,drive=disk1"],
            disk.QemuArguments(1));
        var options = new LaunchOptions("/img/app.elf", [], 64, null, "tcg", false) { Disks = [disk] };
        var arguments = QemuCommand.Arguments(options, ["/s/1", "/s/2", "/s/3"]).ToList();
        Assert.Contains("virtio-blk-pci,drive=disk0", arguments);
        Assert.StartsWith("fs.mounts=0:/data:ro --", arguments[arguments.IndexOf("-append") + 1]);
        Assert.DoesNotContain(arguments, argument => argument.Contains("unsafe"));
    }

    [Fact]
    public void AWriteLogWrapsTheDiskInBlklogwrites()
    {
        string file = Image("x,y.img");
        var disk = new GuestDisk(file, "/data", false) { WriteLog = "/logs/a,b.log" };
        Assert.Equal(["-drive", $"driver=blklogwrites,file.driver=file,file.filename={file.Replace(",", ",,")},log.driver=file,log.filename=/logs/a,,b.log,log-sector-size=512,log-append=off,if=none,id=disk0,cache=writeback",
                "-device", "virtio-blk-pci,drive=disk0"],
            disk.QemuArguments(0));
    }

    [Fact]
    public void NoDisksAddNoKernelOption() => Assert.Empty(GuestDisk.KernelOptions([]));

    [Theory]
    [InlineData("missing.img", "no such image file")]
    [InlineData("{0}:/", "cannot be mounted at /")]
    [InlineData("{0}:/a b", "may not contain spaces")]
    [InlineData("{0}:/a/../b", "'..'")]
    [InlineData("{0},rw", "the only option after ','")]
    [InlineData(":/data", "names no image file")]
    [InlineData("{1}", "smaller than one 512-byte sector")]
    public void BadValuesAreRefusedWithTheReason(string pattern, string reason)
    {
        string value = string.Format(pattern, Image("ok.img"), Image("tiny.img", 100));
        var error = Assert.Throws<FormatException>(() => GuestDisk.ParseAll([value]));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ASecondDiskMustNameItsMountPoint()
    {
        var error = Assert.Throws<FormatException>(() => GuestDisk.ParseAll([Image("a.img"), Image("b.img")]));
        Assert.Contains("give this one FILE:MOUNTPOINT", error.Message);
    }

    [Fact]
    public void OneFileOrMountPointIsNotUsedTwice()
    {
        string a = Image("a.img"), b = Image("b.img");
        Assert.Contains("given twice", Assert.Throws<FormatException>(() => GuestDisk.ParseAll([a, a + ":/other"])).Message);
        Assert.Contains("already mounted at /data", Assert.Throws<FormatException>(() => GuestDisk.ParseAll([a, b + ":/data"])).Message);
    }
}
