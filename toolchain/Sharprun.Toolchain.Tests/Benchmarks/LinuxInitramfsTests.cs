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
}
