using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tests.Support;
using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Tests;

public sealed class VirtualFileSystemTests
{
    private readonly TestTree _tree = new();

    private VirtualFileSystem Vfs => _tree.Vfs;

    [Fact]
    public void ErrorsForNamesThatAreOrAreNot()
    {
        _tree.MakeDirectory("/d");
        _tree.WriteFile("/d/f", "x");
        Assert.Equal(FsError.NotFound, Vfs.Open("/nope"u8, OpenFlags.ReadOnly, 0, out _));
        Assert.Equal(FsError.NotFound, Vfs.Open("/nope/f"u8, OpenFlags.WriteOnly | OpenFlags.Create, 0x1B6, out _));
        Assert.Equal(FsError.Exists, Vfs.MakeDirectory("/d"u8, 0x1ED));
        Assert.Equal(FsError.Exists, Vfs.MakeDirectory("/"u8, 0x1ED));
        Assert.Equal(FsError.Exists, Vfs.Open("/d/f"u8, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, 0x1B6, out _));
        Assert.Equal(FsError.NotEmpty, Vfs.RemoveDirectory("/d"u8));
        Assert.Equal(FsError.IsADirectory, Vfs.Open("/d"u8, OpenFlags.WriteOnly, 0, out _));
        Assert.Equal(FsError.IsADirectory, Vfs.Open("/d"u8, OpenFlags.ReadOnly | OpenFlags.Create, 0, out _));
        Assert.Equal(FsError.IsADirectory, Vfs.Unlink("/d"u8));
        Assert.Equal(FsError.NotADirectory, Vfs.RemoveDirectory("/d/f"u8));
        Assert.Equal(FsError.NotADirectory, Vfs.Open("/d/f"u8, OpenFlags.ReadOnly | OpenFlags.Directory, 0, out _));
        Assert.Equal(FsError.NotADirectory, Vfs.MakeDirectory("/d/f/g"u8, 0x1ED));
        Assert.Equal(FsError.InvalidArgument, Vfs.RemoveDirectory("/d/."u8));
        Assert.Equal(FsError.NotEmpty, Vfs.RemoveDirectory("/d/.."u8));
        Assert.Equal(FsError.Busy, Vfs.RemoveDirectory("/"u8));
        Assert.Equal(FsError.InvalidArgument, Vfs.Rename("/d"u8, "/d/e"u8));
        Assert.Equal(FsError.Busy, Vfs.Rename("/d/."u8, "/e"u8));
        Assert.Equal(FsError.NotPermitted, Vfs.Link("/d"u8, "/e"u8));
        Assert.Equal(FsError.InvalidArgument, Vfs.Open("/d/f"u8, 3, 0, out _));
    }

    [Fact]
    public void NoSpaceThroughTheFacade()
    {
        var tree = new TestTree(byteLimit: 2 * 4096);
        OpenFile file = tree.Open("/f", OpenFlags.WriteOnly | OpenFlags.Create);
        Assert.Equal(FsError.Success, file.Write(new byte[10_000], out int written));
        Assert.Equal(8192, written);
        Assert.Equal(FsError.NoSpace, file.Write(new byte[10], out written));
        Assert.Equal(8192, file.Offset);
        Assert.Equal(FsError.Success, tree.Vfs.StatFs("/f"u8, out FileSystemStatistics statistics));
        Assert.Equal(0, statistics.AvailableBlocks);
        Assert.Equal(TmpfsFileSystem.TmpfsMagic, statistics.Magic);
        file.Close();
    }

    [Fact]
    public void ReadOnlyFileSystemRefusesEveryChange()
    {
        _tree.MakeDirectory("/ro");
        var ro = new TmpfsFileSystem(1 << 20, _tree.Clock);
        Vfs.Mount("/ro"u8, ro);
        _tree.WriteFile("/ro/f", "data");
        _tree.MakeDirectory("/ro/d");
        ro.IsReadOnly = true;
        Assert.Equal("data", _tree.ReadFile("/ro/f"));
        Assert.Equal(FsError.ReadOnly, Vfs.Open("/ro/f"u8, OpenFlags.WriteOnly, 0, out _));
        Assert.Equal(FsError.ReadOnly, Vfs.Open("/ro/f"u8, OpenFlags.ReadOnly | OpenFlags.Truncate, 0, out _));
        Assert.Equal(FsError.ReadOnly, Vfs.Open("/ro/g"u8, OpenFlags.WriteOnly | OpenFlags.Create, 0x1B6, out _));
        Assert.Equal(FsError.ReadOnly, Vfs.MakeDirectory("/ro/e"u8, 0x1ED));
        Assert.Equal(FsError.ReadOnly, Vfs.RemoveDirectory("/ro/d"u8));
        Assert.Equal(FsError.ReadOnly, Vfs.Unlink("/ro/f"u8));
        Assert.Equal(FsError.ReadOnly, Vfs.Rename("/ro/f"u8, "/ro/g"u8));
        Assert.Equal(FsError.ReadOnly, Vfs.Link("/ro/f"u8, "/ro/g"u8));
        Assert.Equal(FsError.ReadOnly, Vfs.SymbolicLink("f"u8, "/ro/g"u8));
        Assert.Equal(FsError.ReadOnly, Vfs.ChangeMode("/ro/f"u8, 0));
        Assert.Equal(FsError.ReadOnly, Vfs.ChangeOwner("/ro/f"u8, 1, 1));
        Assert.Equal(FsError.ReadOnly, Vfs.SetTimes("/ro/f"u8, 1, 1));
        Assert.Equal(FsError.ReadOnly, Vfs.Truncate("/ro/f"u8, 0));
        Assert.Equal(FsError.ReadOnly, Vfs.Access("/ro/f"u8, OpenFlags.AccessWrite));
        Assert.Equal(FsError.Success, Vfs.Access("/ro/f"u8, OpenFlags.AccessRead));
        Assert.Equal(FsError.Exists, Vfs.MakeDirectory("/ro/d"u8, 0x1ED));
    }

    [Fact]
    public void UnlinkedOpenFileReadableUntilClose()
    {
        _tree.WriteFile("/f", "still here");
        OpenFile file = _tree.Open("/f", OpenFlags.ReadWrite);
        long used = _tree.Root.UsedBytes;
        Assert.Equal(FsError.Success, Vfs.Unlink("/f"u8));
        Assert.Equal(FsError.NotFound, _tree.Stat("/f"));
        Assert.Equal("still here", TestTree.ReadAll(file));
        Assert.Equal(FsError.Success, file.Write(" too"u8, out _));
        Assert.Equal(FsError.Success, file.Stat(out NodeAttributes attributes));
        Assert.Equal(0u, attributes.LinkCount);
        Assert.Equal(used, _tree.Root.UsedBytes);
        Assert.Equal(FsError.Success, file.Close());
        Assert.Equal(0, _tree.Root.UsedBytes);
        Assert.Equal(FsError.BadDescriptor, file.Close());
        Assert.Equal(FsError.BadDescriptor, file.Read(new byte[1], out _));
    }

    [Fact]
    public void AppendSeekAndHoles()
    {
        _tree.WriteFile("/a", "abc");
        OpenFile append = _tree.Open("/a", OpenFlags.WriteOnly | OpenFlags.Append);
        Assert.Equal(FsError.Success, append.Seek(0, OpenFlags.SeekSet, out _));
        append.Write("def"u8, out _);
        Assert.Equal(6, append.Offset);
        append.PWrite("!"u8, 0, out _);
        append.Close();
        Assert.Equal("abcdef!", _tree.ReadFile("/a"));

        OpenFile file = _tree.Open("/h", OpenFlags.ReadWrite | OpenFlags.Create);
        Assert.Equal(FsError.Success, file.Seek(10, OpenFlags.SeekEnd, out long position));
        Assert.Equal(10, position);
        file.Write("z"u8, out _);
        Assert.Equal(FsError.Success, file.Seek(-11, OpenFlags.SeekCurrent, out position));
        Assert.Equal(0, position);
        var buffer = new byte[20];
        Assert.Equal(FsError.Success, file.Read(buffer, out int read));
        Assert.Equal(11, read);
        Assert.Equal("\0\0\0\0\0\0\0\0\0\0z"u8.ToArray(), buffer[..11]);
        Assert.Equal(FsError.InvalidArgument, file.Seek(-1, OpenFlags.SeekSet, out _));
        Assert.Equal(FsError.InvalidArgument, file.Seek(0, 7, out _));
        Assert.Equal(FsError.Overflow, file.Seek(long.MaxValue, OpenFlags.SeekEnd, out _));
        Assert.Equal(FsError.Success, file.PRead(buffer, 10, out read));
        Assert.Equal(1, read);
        Assert.Equal(11, file.Offset);
        file.Close();
    }

    [Fact]
    public void AccessModesAndTruncate()
    {
        _tree.WriteFile("/f", "0123456789");
        OpenFile reader = _tree.Open("/f", OpenFlags.ReadOnly);
        Assert.Equal(FsError.BadDescriptor, reader.Write("x"u8, out _));
        Assert.Equal(FsError.InvalidArgument, reader.Truncate(2));
        reader.Close();
        OpenFile writer = _tree.Open("/f", OpenFlags.WriteOnly);
        Assert.Equal(FsError.BadDescriptor, writer.Read(new byte[1], out _));
        Assert.Equal(FsError.Success, writer.Truncate(4));
        writer.Close();
        Assert.Equal("0123", _tree.ReadFile("/f"));
        Assert.Equal(FsError.Success, Vfs.Truncate("/f"u8, 6));
        Assert.Equal("0123\0\0", _tree.ReadFile("/f"));
        _tree.Open("/f", OpenFlags.WriteOnly | OpenFlags.Truncate).Close();
        Assert.Equal("", _tree.ReadFile("/f"));
        _tree.MakeDirectory("/d");
        Assert.Equal(FsError.IsADirectory, Vfs.Truncate("/d"u8, 0));
        Assert.Equal(FsError.InvalidArgument, Vfs.Truncate("/f"u8, -1));
    }

    [Fact]
    public void RootsPermissions()
    {
        _tree.WriteFile("/f", "x");
        Assert.Equal(FsError.Success, Vfs.ChangeMode("/f"u8, 0));
        Assert.Equal("x", _tree.ReadFile("/f"));
        _tree.Open("/f", OpenFlags.WriteOnly).Close();
        Assert.Equal(FsError.AccessDenied, Vfs.Access("/f"u8, OpenFlags.AccessExecute));
        Assert.Equal(FsError.Success, Vfs.Access("/f"u8, OpenFlags.AccessRead | OpenFlags.AccessWrite));
        Vfs.ChangeMode("/f"u8, 0x8); // 010: group execute only
        Assert.Equal(FsError.Success, Vfs.Access("/f"u8, OpenFlags.AccessExecute));
        _tree.MakeDirectory("/d");
        Vfs.ChangeMode("/d"u8, 0);
        Assert.Equal(FsError.Success, Vfs.Access("/d"u8, OpenFlags.AccessExecute));
        Assert.Equal(FsError.InvalidArgument, Vfs.Access("/d"u8, 8));
        Assert.Equal(FsError.NotFound, Vfs.Access("/missing"u8, 0));
    }

    [Fact]
    public void CreatedModesFollowTheUmask()
    {
        _tree.Open("/f", OpenFlags.WriteOnly | OpenFlags.Create, 0x1FF).Close();
        Vfs.MakeDirectory("/d"u8, 0x3FF);
        Vfs.Stat("/f"u8, out NodeAttributes file);
        Vfs.Stat("/d"u8, out NodeAttributes directory);
        Assert.Equal(0x1EDu, file.Permissions); // 0755
        Assert.Equal(0x3EDu, directory.Permissions); // 01755
        Vfs.ChangeOwner("/f"u8, 1000, null);
        Vfs.Stat("/f"u8, out file);
        Assert.Equal((1000u, 0u), (file.UserId, file.GroupId));
    }

    [Fact]
    public void DirectoryListingAndRewind()
    {
        _tree.MakeDirectory("/d");
        _tree.WriteFile("/d/a", "");
        _tree.MakeDirectory("/d/b");
        OpenFile directory = _tree.Open("/d", OpenFlags.ReadOnly | OpenFlags.Directory);
        var names = new List<string>();
        while (directory.ReadDirectoryEntry(out DirectoryEntry? entry) == FsError.Success && entry is { } e)
            names.Add(System.Text.Encoding.UTF8.GetString(e.Name));
        Assert.Equal([".", "..", "a", "b"], names);
        Assert.Equal(FsError.IsADirectory, directory.Read(new byte[1], out _));
        directory.Seek(0, OpenFlags.SeekSet, out _);
        Assert.Equal(FsError.Success, directory.ReadDirectoryEntry(out DirectoryEntry? first));
        Assert.Equal("."u8.ToArray(), first!.Value.Name);
        directory.Close();
        OpenFile file = _tree.Open("/d/a", OpenFlags.ReadOnly);
        Assert.Equal(FsError.NotADirectory, file.ReadDirectoryEntry(out _));
        file.Close();
    }

    [Fact]
    public void FifosAreNodesThatDoNotSeek()
    {
        Assert.Equal(FsError.Success, Vfs.MakeNode("/p"u8, NodeKind.Fifo, 0x1A4));
        Vfs.Stat("/p"u8, out NodeAttributes attributes);
        Assert.Equal(NodeKind.Fifo, attributes.Kind);
        OpenFile fifo = _tree.Open("/p", OpenFlags.ReadOnly);
        Assert.Equal(FsError.IllegalSeek, fifo.Seek(0, OpenFlags.SeekSet, out _));
        fifo.Close();
    }

    [Fact]
    public void HardLinksAndRenamesThroughPaths()
    {
        _tree.WriteFile("/a", "shared");
        Assert.Equal(FsError.Success, Vfs.Link("/a"u8, "/b"u8));
        Assert.Equal(FsError.Exists, Vfs.Link("/a"u8, "/b"u8));
        Vfs.Stat("/b"u8, out NodeAttributes b);
        Assert.Equal(2u, b.LinkCount);
        Assert.Equal(FsError.Success, Vfs.Rename("/a"u8, "/b"u8));
        Assert.Equal(FsError.Success, _tree.Stat("/a"));
        Assert.Equal(FsError.NotADirectory, Vfs.Rename("/a/"u8, "/c"u8));
        Assert.Equal(FsError.Success, Vfs.Rename("/a"u8, "/c"u8));
        Assert.Equal("shared", _tree.ReadFile("/c"));
        Assert.Equal(FsError.NotFound, Vfs.Rename("/a"u8, "/d"u8));
    }
}
