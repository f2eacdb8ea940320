using System.Text;
using Sharprun.Vfs.Baked;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tests.Support;

namespace Sharprun.Vfs.Tests;

/// <summary>
/// Baked files mounted into a tmpfs tree as the kernel mounts them (each top-level directory of the archive over a
/// directory of the root): reads, listings, attributes and links come from the archive, and every change is EROFS
/// (EEXIST for a name that exists), while the tmpfs around them stays writable.
/// </summary>
public sealed class BakedFileSystemTests
{
    private readonly TestTree _tree = new();

    public BakedFileSystemTests()
    {
        byte[] bytes = new NewcArchive()
            .Add("app", NewcArchive.Directory)
            .Add("app/appsettings.json", NewcArchive.File, "{\"greeting\":\"hi\"}", modifyTime: 1_700_000_000)
            .Add("app/data", NewcArchive.Directory)
            .Add("app/data/nested.txt", NewcArchive.File, "nested\n")
            .Add("app/run.sh", 0x81ED, "#!/bin/sh\n")
            .Add("etc", NewcArchive.Directory)
            .Add("etc/hosts", NewcArchive.File, "127.0.0.1 localhost\n")
            .Add("etc/hosts.link", NewcArchive.SymbolicLink, "hosts")
            .Trailer()
            .ToArray();
        Assert.Equal(FsError.Success, BakedArchive.TryParse(bytes, out BakedArchive? archive, out _));
        foreach (string directory in archive!.TopLevelDirectories)
        {
            _tree.MakeDirectory("/" + directory);
            Assert.Equal(FsError.Success, _tree.Vfs.Mount(TestTree.Bytes("/" + directory), archive.FileSystemAt(directory)!));
        }
        _tree.MakeDirectory("/tmp");
    }

    private FsError Open(string path, int flags) => _tree.Vfs.Open(TestTree.Bytes(path), flags, 0x1A4, out _);

    [Fact]
    public void FilesReadAsBaked()
    {
        Assert.Equal("{\"greeting\":\"hi\"}", _tree.ReadFile("/app/appsettings.json"));
        Assert.Equal("nested\n", _tree.ReadFile("/app/data/nested.txt"));
        Assert.Equal("127.0.0.1 localhost\n", _tree.ReadFile("/etc/hosts.link"));
        Assert.Equal("nested\n", _tree.ReadFile("/app/data/../data/./nested.txt"));
    }

    [Fact]
    public void PositionedReadsStopAtTheEnd()
    {
        OpenFile file = _tree.Open("/app/data/nested.txt", OpenFlags.ReadOnly);
        var buffer = new byte[10];
        Assert.Equal(FsError.Success, file.PRead(buffer, 3, out int read));
        Assert.Equal("ted\n", Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Equal(FsError.Success, file.PRead(buffer, 100, out read));
        Assert.Equal(0, read);
        Assert.Equal(FsError.Success, file.Close());
    }

    [Fact]
    public void AttributesComeFromTheArchive()
    {
        Assert.Equal(FsError.Success, _tree.Vfs.Stat(TestTree.Bytes("/app/appsettings.json"), out NodeAttributes file));
        Assert.Equal(NodeKind.RegularFile, file.Kind);
        Assert.Equal(0x1A4u, file.Permissions);
        Assert.Equal(17, file.Size);
        Assert.Equal(1_700_000_000L * 1_000_000_000, file.ModifyTime);
        Assert.Equal(FsError.Success, _tree.Vfs.Stat(TestTree.Bytes("/app/run.sh"), out NodeAttributes script));
        Assert.Equal(0x1EDu, script.Permissions);
        Assert.Equal(FsError.Success, _tree.Vfs.Stat(TestTree.Bytes("/app"), out NodeAttributes directory));
        Assert.Equal(NodeKind.Directory, directory.Kind);
        Assert.Equal(3u, directory.LinkCount);
        Assert.Equal(FsError.Success, _tree.Vfs.LStat(TestTree.Bytes("/etc/hosts.link"), out NodeAttributes link));
        Assert.Equal(NodeKind.SymbolicLink, link.Kind);
        Assert.Equal(FsError.Success, _tree.Vfs.ReadLink(TestTree.Bytes("/etc/hosts.link"), out byte[] target));
        Assert.Equal("hosts", Encoding.UTF8.GetString(target));
        Assert.Equal(FsError.Success, _tree.Vfs.StatFs(TestTree.Bytes("/app"), out FileSystemStatistics statistics));
        Assert.Equal(BakedFileSystem.RamfsMagic, statistics.Magic);
    }

    [Fact]
    public void ListingsAreInArchiveOrderAndDotDotLeavesTheMount()
    {
        OpenFile directory = _tree.Open("/app", OpenFlags.ReadOnly | OpenFlags.Directory);
        var names = new List<string>();
        while (directory.ReadDirectoryEntry(out DirectoryEntry? entry) == FsError.Success && entry is { } found)
            names.Add(Encoding.UTF8.GetString(found.Name));
        Assert.Equal([".", "..", "appsettings.json", "data", "run.sh"], names);
        Assert.Equal(FsError.Success, directory.Close());
        Assert.Equal(FsError.Success, _tree.Stat("/app/../tmp"));
    }

    [Fact]
    public void EveryChangeIsReadOnly()
    {
        Assert.Equal(FsError.ReadOnly, Open("/app/appsettings.json", OpenFlags.WriteOnly));
        Assert.Equal(FsError.ReadOnly, Open("/app/appsettings.json", OpenFlags.ReadWrite | OpenFlags.Truncate));
        Assert.Equal(FsError.ReadOnly, Open("/app/new.json", OpenFlags.WriteOnly | OpenFlags.Create));
        Assert.Equal(FsError.Exists, Open("/app/appsettings.json", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.MakeDirectory(TestTree.Bytes("/app/logs"), 0x1ED));
        Assert.Equal(FsError.Exists, _tree.Vfs.MakeDirectory(TestTree.Bytes("/app/data"), 0x1ED));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.Unlink(TestTree.Bytes("/app/appsettings.json")));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.RemoveDirectory(TestTree.Bytes("/app/data")));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.Rename(TestTree.Bytes("/app/run.sh"), TestTree.Bytes("/app/go.sh")));
        Assert.Equal(FsError.CrossDevice, _tree.Vfs.Rename(TestTree.Bytes("/app/run.sh"), TestTree.Bytes("/tmp/run.sh")));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.ChangeMode(TestTree.Bytes("/app/run.sh"), 0x1FF));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.Truncate(TestTree.Bytes("/app/run.sh"), 0));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.SymbolicLink(TestTree.Bytes("x"), TestTree.Bytes("/etc/new-link")));
        Assert.Equal(FsError.ReadOnly, _tree.Vfs.Access(TestTree.Bytes("/etc/hosts"), OpenFlags.AccessWrite));
        Assert.Equal(FsError.Success, _tree.Vfs.Access(TestTree.Bytes("/etc/hosts"), OpenFlags.AccessRead));
        Assert.Equal("127.0.0.1 localhost\n", _tree.ReadFile("/etc/hosts"));
    }

    [Fact]
    public void TheTreeAroundStaysWritable()
    {
        _tree.WriteFile("/tmp/out.txt", "written");
        Assert.Equal("written", _tree.ReadFile("/tmp/out.txt"));
    }

    [Fact]
    public void MissingNamesAndWrongKindsAnswerAsLinux()
    {
        Assert.Equal(FsError.NotFound, _tree.Stat("/app/missing.json"));
        Assert.Equal(FsError.NotADirectory, _tree.Stat("/app/appsettings.json/x"));
        Assert.Equal(FsError.NameTooLong, _tree.Stat("/app/" + new string('n', 256)));
        Assert.Equal(FsError.IsADirectory, Open("/app/data", OpenFlags.WriteOnly));
    }
}
