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
    public void RejectsABusyboxThatIsNotElf()
    {
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.Build(Encoding.ASCII.GetBytes("#!/bin/sh\n")));
        Assert.Throws<ArgumentException>(() => LinuxInitramfs.Build([]));
    }
}
