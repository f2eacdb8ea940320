using System;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Baking;
using Sharprun.Toolchain.Tests.Benchmarks;
using Xunit;

namespace Sharprun.Toolchain.Tests.Baking;

public sealed class CpioArchiveWriterTests
{
    private static byte[] Write(Action<CpioArchiveWriter> add)
    {
        using var stream = new MemoryStream();
        var writer = new CpioArchiveWriter(stream);
        add(writer);
        writer.Finish();
        return stream.ToArray();
    }

    [Fact]
    public void EmptyArchiveIsJustTheTrailer()
    {
        byte[] archive = Write(_ => { });
        Assert.Empty(NewcArchiveReader.Read(archive));
        // 110-byte header + "TRAILER!!!\0" (11) = 121, padded to 124.
        Assert.Equal(124, archive.Length);
        Assert.StartsWith("070701", Encoding.ASCII.GetString(archive));
    }

    [Fact]
    public void EntriesRoundTripWithTypesPermissionsAndPadding()
    {
        byte[] archive = Write(w =>
        {
            w.AddDirectory("bin");
            w.AddFile("bin/tool", [1, 2, 3, 4, 5], executable: true);
            w.AddFile("etc-file", Encoding.ASCII.GetBytes("ab"), executable: false);
            w.AddSymbolicLink("bin/sh", "tool");
            w.AddCharacterDevice("console", 5, 1);
        });
        var entries = NewcArchiveReader.Read(archive);
        Assert.Equal(["bin", "bin/tool", "etc-file", "bin/sh", "console"], entries.Select(e => e.Name));
        Assert.Equal(0x41EDu, entries[0].Mode);          // 040755
        Assert.Equal(2u, entries[0].Links);
        Assert.Equal(0x81EDu, entries[1].Mode);          // 0100755
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, entries[1].Data);
        Assert.Equal(0x81A4u, entries[2].Mode);          // 0100644
        Assert.Equal("ab", Encoding.ASCII.GetString(entries[2].Data));
        Assert.Equal(0xA1FFu, entries[3].Mode);          // 0120777
        Assert.Equal("tool", Encoding.ASCII.GetString(entries[3].Data));
        Assert.Equal(0x2180u, entries[4].Mode);          // 020600
        Assert.Equal((5u, 1u), (entries[4].RdevMajor, entries[4].RdevMinor));
        Assert.Equal(entries.Count, entries.Select(e => e.Inode).Distinct().Count());
    }

    [Fact]
    public void SameInputsGiveSameBytes()
    {
        static void Add(CpioArchiveWriter w) => w.AddFile("a", [9, 9, 9], executable: false);
        Assert.Equal(Write(Add), Write(Add));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("./a")]
    [InlineData("nul\0name")]
    [InlineData("TRAILER!!!")]
    public void RejectsHostileNames(string name)
    {
        var writer = new CpioArchiveWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.AddFile(name, [], executable: false));
    }

    [Fact]
    public void RejectsDuplicatesBadLinksNegativeDevicesAndWritesAfterFinish()
    {
        var writer = new CpioArchiveWriter(new MemoryStream());
        writer.AddDirectory("dev");
        Assert.Throws<ArgumentException>(() => writer.AddDirectory("dev"));
        Assert.Throws<ArgumentException>(() => writer.AddSymbolicLink("link", ""));
        Assert.Throws<ArgumentException>(() => writer.AddSymbolicLink("link", "a\0b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddCharacterDevice("dev/x", -1, 0));
        writer.Finish();
        Assert.Throws<InvalidOperationException>(() => writer.AddDirectory("late"));
        Assert.Throws<InvalidOperationException>(writer.Finish);
    }
}
