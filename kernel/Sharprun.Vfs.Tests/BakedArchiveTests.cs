using System.Text;
using Sharprun.Vfs.Baked;
using Sharprun.Vfs.Tests.Support;

namespace Sharprun.Vfs.Tests;

/// <summary>
/// The baked archive's parser: what a writer makes is read back, and every malformed or hostile archive — truncated,
/// lying sizes, bad names, unsupported types, duplicates, random bytes and random mutations of a good archive — is
/// an error with a message, never an exception or a hang.
/// </summary>
public sealed class BakedArchiveTests
{
    private static BakedArchive Parse(byte[] bytes)
    {
        Assert.Equal(FsError.Success, BakedArchive.TryParse(bytes, out BakedArchive? archive, out string message));
        Assert.Equal("", message);
        return archive!;
    }

    private static string Refuse(byte[] bytes)
    {
        Assert.Equal(FsError.Corrupted, BakedArchive.TryParse(bytes, out BakedArchive? archive, out string message));
        Assert.Null(archive);
        Assert.StartsWith("baked files: bad archive entry at offset ", message);
        return message;
    }

    private static byte[] Sample() => new NewcArchive()
        .Add(".", NewcArchive.Directory)
        .Add("app", NewcArchive.Directory)
        .Add("app/appsettings.json", NewcArchive.File, "{\"a\":1}", modifyTime: 1_700_000_000)
        .Add("app/data", NewcArchive.Directory)
        .Add("app/data/nested.txt", NewcArchive.File, "nested")
        .Add("etc", NewcArchive.Directory)
        .Add("etc/hosts", NewcArchive.File, "127.0.0.1 localhost\n")
        .Add("etc/link", NewcArchive.SymbolicLink, "hosts")
        .Trailer()
        .ToArray();

    [Fact]
    public void AnArchiveIsReadBack()
    {
        BakedArchive archive = Parse(Sample());
        Assert.Equal(["app", "etc"], archive.TopLevelDirectories);
        Assert.Empty(archive.TopLevelOthers);
        Assert.Equal(8, archive.EntryCount);
        Assert.Equal(7 + 6 + 20 + 5, archive.DataBytes);
        Assert.NotNull(archive.FileSystemAt("app"));
        Assert.Null(archive.FileSystemAt("missing"));
    }

    [Fact]
    public void AnEmptyArchiveAndZeroPaddingAfterTheTrailerAreAccepted()
    {
        Assert.Equal(1, Parse(new NewcArchive().Trailer().ToArray()).EntryCount);
        Assert.Equal(8, Parse([.. Sample(), .. new byte[512]]).EntryCount);
    }

    [Fact]
    public void LeadingSlashesAndDotSlashesAreTheSameNames()
    {
        var archive = Parse(new NewcArchive().Add("./a", NewcArchive.Directory).Add("/a/b", NewcArchive.File, "x").Trailer().ToArray());
        Assert.Equal(["a"], archive.TopLevelDirectories);
    }

    [Fact]
    public void TheChecksumVariantIsAccepted()
    {
        byte[] bytes = new NewcArchive().Add("a", NewcArchive.File, "x").Trailer().ToArray();
        bytes[5] = (byte)'2';
        Assert.Equal(["a"], Parse(bytes).TopLevelOthers);
    }

    [Fact]
    public void ATruncatedArchiveIsRefusedWhereverItIsCut()
    {
        byte[] sample = Sample();
        for (int length = 0; length < sample.Length - 4; length++)
            Refuse(sample[..length]);
    }

    [Fact]
    public void AMissingTrailerIsRefused() =>
        Assert.Contains("TRAILER!!!", Refuse(new NewcArchive().Add("a", NewcArchive.File, "x").ToArray()));

    [Fact]
    public void GarbageAfterTheTrailerIsRefused() =>
        Assert.Contains("follow the TRAILER!!!", Refuse([.. new NewcArchive().Trailer().ToArray(), 1, 0, 0, 0]));

    [Fact]
    public void ABadMagicIsRefused()
    {
        byte[] bytes = Sample();
        bytes[0] = (byte)'1';
        Assert.Contains("magic 070701", Refuse(bytes));
    }

    [Fact]
    public void ANonHexadecimalFieldIsRefusedByName()
    {
        byte[] bytes = Sample();
        bytes[6 + 6 * 8] = (byte)'g'; // c_filesize
        Assert.Contains("c_filesize", Refuse(bytes));
    }

    [Fact]
    public void SizesPastTheEndAreRefused()
    {
        Assert.Contains("past the end", Refuse(new NewcArchive().AddRaw("a\0"u8.ToArray(), NewcArchive.File, [1, 2], declaredFileSize: 0xFFFFFFFF).ToArray()));
        Assert.Contains("past the end", Refuse(new NewcArchive().AddRaw("a\0"u8.ToArray(), NewcArchive.File, [], declaredNameSize: 4000).ToArray()));
        Assert.Contains("a name of", Refuse(new NewcArchive().AddRaw("a\0"u8.ToArray(), NewcArchive.File, [], declaredNameSize: 0xFFFFFFFF).ToArray()));
        Assert.Contains("a name of", Refuse(new NewcArchive().AddRaw("\0"u8.ToArray(), NewcArchive.File, []).Trailer().ToArray()));
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("..")]
    [InlineData("a/")]
    public void NamesWithEmptyDotOrDotDotComponentsAreRefused(string name) =>
        Assert.Contains("component", Refuse(new NewcArchive().Add("a", NewcArchive.Directory).Add(name, NewcArchive.File, "x").Trailer().ToArray()));

    [Fact]
    public void NamesWithAnInnerNulOrNoNulAreRefused()
    {
        Assert.Contains("NUL-terminated", Refuse(new NewcArchive().AddRaw("a\0b\0"u8.ToArray(), NewcArchive.File, []).Trailer().ToArray()));
        Assert.Contains("NUL-terminated", Refuse(new NewcArchive().AddRaw("ab"u8.ToArray(), NewcArchive.File, []).Trailer().ToArray()));
    }

    [Fact]
    public void AnOverlongComponentIsRefused() =>
        Assert.Contains("over 255", Refuse(new NewcArchive().Add(new string('x', 256), NewcArchive.File).Trailer().ToArray()));

    [Fact]
    public void DevicesFifosAndSocketsAreRefused()
    {
        foreach (uint type in new uint[] { 0x2000, 0x6000, 0x1000, 0xC000, 0x0000 })
            Assert.Contains("file type", Refuse(new NewcArchive().Add("d", type | 0x1A4).Trailer().ToArray()));
    }

    [Fact]
    public void ADuplicateIsRefused() =>
        Assert.Contains("twice", Refuse(new NewcArchive().Add("a", NewcArchive.File).Add("a", NewcArchive.File).Trailer().ToArray()));

    [Fact]
    public void AnEntryBeforeItsDirectoryOrInsideAFileIsRefused()
    {
        Assert.Contains("before its directory", Refuse(new NewcArchive().Add("a/b", NewcArchive.File).Trailer().ToArray()));
        Assert.Contains("before its directory", Refuse(new NewcArchive().Add("a", NewcArchive.File).Add("a/b", NewcArchive.File).Trailer().ToArray()));
    }

    [Fact]
    public void DirectoriesWithDataAndBadLinkTargetsAreRefused()
    {
        Assert.Contains("bytes of data", Refuse(new NewcArchive().Add("d", NewcArchive.Directory, "x").Trailer().ToArray()));
        Assert.Contains("target", Refuse(new NewcArchive().Add("l", NewcArchive.SymbolicLink, "").Trailer().ToArray()));
        Assert.Contains("target", Refuse(new NewcArchive().AddRaw("l\0"u8.ToArray(), NewcArchive.SymbolicLink, "a\0b"u8.ToArray()).Trailer().ToArray()));
        Assert.Contains("target", Refuse(new NewcArchive().Add("l", NewcArchive.SymbolicLink, new string('t', 4096)).Trailer().ToArray()));
    }

    [Fact]
    public void TheRootEntryMustBeADirectory() =>
        Assert.Contains("names the root", Refuse(new NewcArchive().Add(".", NewcArchive.File, "x").Trailer().ToArray()));

    [Fact]
    public void RandomBytesAreRefusedWithoutAnException()
    {
        var random = new Random(20261203);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 6)
                "070701"u8.CopyTo(bytes);
            Assert.Equal(FsError.Corrupted, BakedArchive.TryParse(bytes, out _, out string message));
            Assert.NotEmpty(message);
        }
    }

    [Fact]
    public void MutationsOfAGoodArchiveParseOrAreRefusedAndWhatParsesCanBeWalked()
    {
        byte[] sample = Sample();
        var random = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            byte[] bytes = (byte[])sample.Clone();
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                int at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)"0123456789abcdef"[random.Next(16)],
                    _ => (byte)"/.\0"[random.Next(3)],
                };
            }
            FsError error = BakedArchive.TryParse(bytes, out BakedArchive? archive, out string message);
            if (error != FsError.Success)
            {
                Assert.Equal(FsError.Corrupted, error);
                Assert.NotEmpty(message);
                continue;
            }
            Walk(archive!);
        }
    }

    /// <summary>Everything a parsed archive holds can be listed, read and resolved.</summary>
    private static void Walk(BakedArchive archive)
    {
        var tree = new VirtualFileSystem(archive.FileSystemAt(null)!);
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out string? directory))
        {
            Assert.Equal(FsError.Success, tree.Open(Encoding.UTF8.GetBytes(directory + "/"), 0, 0, out var file));
            while (file!.ReadDirectoryEntry(out var entry) == FsError.Success && entry is { } found)
            {
                string name = Encoding.UTF8.GetString(found.Name);
                if (name is "." or "..")
                    continue;
                string path = directory + "/" + name;
                if (found.Kind == Nodes.NodeKind.Directory)
                    pending.Enqueue(path);
                else if (tree.Open(Encoding.UTF8.GetBytes(path), 0, 0, out var opened) == FsError.Success)
                {
                    TestTree.ReadAll(opened!);
                    opened!.Close();
                }
            }
            file.Close();
        }
    }
}
