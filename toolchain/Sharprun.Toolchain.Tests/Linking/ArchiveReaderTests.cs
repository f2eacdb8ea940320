using System;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Linking;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class ArchiveReaderTests
{
    private static byte[] Sample() => TestArchiveWriter.Write(
        new TestArchiveWriter.Member("a.o", [1, 2, 3], "alpha", "beta"),
        new TestArchiveWriter.Member("a_member_with_a_long_name.c.o", [4, 5], "gamma"),
        new TestArchiveWriter.Member("b.o", [6]));

    [Fact]
    public void ReadsMembersLongNamesAndTheSymbolIndex()
    {
        var archive = ArchiveReader.Read(Sample(), "libsample.a");
        Assert.Equal(["a.o", "a_member_with_a_long_name.c.o", "b.o"], archive.Members.Select(m => m.Name));
        Assert.Equal(new byte[] { 1, 2, 3 }, archive.Members[0].Contents.ToArray());
        Assert.Equal(new byte[] { 4, 5 }, archive.Members[1].Contents.ToArray());
        Assert.Equal(new byte[] { 6 }, archive.Members[2].Contents.ToArray());
        Assert.Same(archive.Members[0], archive.FindDefinition("beta"));
        Assert.Same(archive.Members[1], archive.FindDefinition("gamma"));
        Assert.Null(archive.FindDefinition("delta"));
        Assert.Equal("libsample.a(a_member_with_a_long_name.c.o)", archive.Members[1].DisplayName);
    }

    [Fact]
    public void ReadsTheRuntimePacksZlibArchive()
    {
        string path = System.IO.Path.Combine(Compilation.IlcPackage.PackagesRoot, Compilation.IlcPackage.RuntimePackId, Compilation.IlcPackage.PinnedVersion,
            "runtimes", "linux-x64", "native", "libz.a");
        var archive = ArchiveReader.Read(path);
        Assert.Equal("deflate.c.o", archive.FindDefinition("deflate")!.Name);
        Assert.Contains(archive.Members, m => m.Name == "gzread.c.o");
        foreach (var member in archive.Members)
            ElfObjectReader.Read(member.Contents.ToArray(), member.DisplayName);
    }

    public static TheoryData<string, Func<byte[], byte[]>, string> Hostile() => new()
    {
        { "empty", _ => [], "shorter than the archive magic" },
        { "bad magic", b => { b[1] = (byte)'x'; return b; }, "bad magic" },
        { "thin", b => { Encoding.ASCII.GetBytes("!<thin>\n").CopyTo(b, 0); return b; }, "thin archives" },
        { "truncated header", b => b[..(8 + 30)], "is truncated" },
        { "bad terminator", b => { b[8 + 58] = (byte)'x'; return b; }, "does not end in" },
        { "size not decimal", b => { b[8 + 48] = (byte)'z'; return b; }, "not a decimal number" },
        { "size past the end", b => { "9999"u8.CopyTo(b.AsSpan(8 + 48)); return b; }, "past the end of the archive" },
        { "index points nowhere", b => { b[8 + 60 + 7] ^= 0x02; return b; }, "where no member starts" },
        { "index count too large", b => { b[8 + 60] = 0x7f; return b; }, "more than its" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void RefusesHostileArchivesWithAClearError(string what, Func<byte[], byte[]> damage, string message)
    {
        var e = Assert.Throws<ArchiveFormatException>(() => ArchiveReader.Read(damage(Sample()), "libbad.a"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("libbad.a: ", e.Message);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void RefusesAnArchiveWithoutIndex()
    {
        byte[] bytes = [.. "!<arch>\n"u8, .. TestArchiveWriter.Header("a.o/", 2), 1, 2];
        Assert.Contains("no symbol index", Assert.Throws<ArchiveFormatException>(() => ArchiveReader.Read(bytes, "x.a")).Message);
    }

    [Fact]
    public void RefusesALongNameWithoutTable()
    {
        byte[] index = [0, 0, 0, 0];
        byte[] bytes = [.. "!<arch>\n"u8, .. TestArchiveWriter.Header("/", 4), .. index, .. TestArchiveWriter.Header("/0", 2), 1, 2];
        Assert.Contains("no long-name table", Assert.Throws<ArchiveFormatException>(() => ArchiveReader.Read(bytes, "x.a")).Message);
    }
}
